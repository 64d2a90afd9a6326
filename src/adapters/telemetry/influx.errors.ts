/** How the InfluxDB sink reads node-influx errors (HTTP status, partial writes) and words its refusals. */

export function statusOf(err: unknown): number | undefined {
  return (err as { res?: { statusCode?: number } } | undefined)?.res?.statusCode;
}

/** HTTP 4xx from InfluxDB (bad line protocol, field type conflict): the same batch would fail again. */
export function isClientError(err: unknown): boolean {
  const status = statusOf(err);
  return status !== undefined && status >= 400 && status < 500;
}

/** The error's message; node-influx never puts credentials in it (they travel in the Authorization header). */
export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The `dropped=N` of an InfluxDB 1.x partial-write error, if the message has one. */
export function partialWriteDropped(message: string): number | undefined {
  const m = /partial write[\s\S]*dropped=(\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Why InfluxDB refuses every write, for `/health`: refused credentials (401), no write permission (403), a
 * missing database (404). Undefined for anything else (unreachable, 5xx: an outage, seen in lastError).
 */
export function refusalReason(
  status: number | undefined,
  db: string,
  create: { readonly createDisabled: boolean; readonly createRefused: boolean },
): string | undefined {
  if (status === 401)
    return 'unauthorized: InfluxDB refused the credentials (HTTP 401; set --influx-user with AUTONET_INFLUX_PASSWORD, or AUTONET_INFLUX_TOKEN)';
  if (status === 403) return `forbidden: the InfluxDB user may not write to database "${db}" (HTTP 403)`;
  if (status !== 404) return undefined;
  if (create.createDisabled) return `database "${db}" not found and creating it is disabled (HTTP 404)`;
  if (create.createRefused)
    return `database "${db}" not found and the InfluxDB user may not create it (HTTP 404)`;
  return `database "${db}" not found (HTTP 404)`;
}
