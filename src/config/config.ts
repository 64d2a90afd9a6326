import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** Where the package lives (works from src/ under jest and from dist/src/ when built). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'yang'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const port = z.coerce.number().int().min(0).max(65535);
/** Any listen address; anything but loopback is warned about by `serve` (the API has no authentication). */
const listenHost = z.string().min(1);

/** Every setting of the controller: environment variables (AUTONET_*) overridden by CLI options. */
export const configSchema = z.object({
  topology: z.string().min(1),
  topologyFormat: z.enum(['autonet', 'gml', 'repetita', 'nodelink', 'teal']).optional(),
  port,
  host: listenHost,
  dataDir: z.string().min(1),
  /** sim: the embedded simulator (default); gnmi: a real network at `gnmi`; memory: policies kept in memory. */
  network: z.enum(['sim', 'gnmi', 'memory']),
  /** gNMI server (host:port) of the network, for `network: gnmi`. */
  gnmi: z
    .string()
    .regex(/^.+:\d+$/, 'must be host:port')
    .optional(),
  /** SNMP agent (host:port) that answers for the legacy NEs, for `network: gnmi`. */
  snmp: z
    .string()
    .regex(/^.+:\d+$/, 'must be host:port')
    .optional(),
  /** NEs reachable only by SNMP, for `network: gnmi` (comma-separated ids). */
  legacy: z.string().optional(),
  /** Seed and speed of the embedded simulator. */
  simSeed: z.coerce.number().int(),
  simSpeed: z.coerce.number().positive().max(10_000),
  simAdminPort: z.coerce.number().int().min(0).max(65_535).optional(),
  /** InfluxDB 1.x to write telemetry to, in addition to the in-memory store. */
  influxUrl: z.url().optional(),
  influxDb: z.string().min(1),
  /** InfluxDB user (`--influx-user`); its password only from AUTONET_INFLUX_PASSWORD, never the command line. */
  influxUsername: z.string().min(1).optional(),
  influxPassword: z.string().min(1).optional(),
  /** InfluxDB token (`Authorization: Token …`, InfluxDB 1.8+/2.x), only from AUTONET_INFLUX_TOKEN. */
  influxToken: z.string().min(1).optional(),
  /** Telemetry sample interval asked of the NEs (gNMI SAMPLE interval, SNMP poll period). */
  telemetryIntervalMs: z.coerce.number().int().min(100).max(3_600_000),
  /** Simulated latency of each call to the in-process network (to watch deploys in progress). */
  networkLatencyMs: z.coerce.number().int().min(0).max(60_000),
  /** Period of the reconciler comparing every NE's policies with the store (0: only at start). */
  reconcileIntervalMs: z.coerce.number().int().min(0).max(86_400_000),
  /** Path-computation and what-if worker threads (0: on the event loop, as before; absent: min(2, cores − 1)). */
  computeWorkers: z.coerce.number().int().min(0).max(64).optional(),
  /** Wall-clock budget of one path or what-if request on a worker (ms); over it the answer is 422. */
  computeBudgetMs: z.coerce.number().int().min(1).max(3_600_000),
  /** Audit retention: newest rows kept and maximum age in days (0: unlimited). */
  auditMaxRows: z.coerce.number().int().min(0),
  auditMaxAgeDays: z.coerce.number().min(0),
  yangDir: z.string().min(1),
  yanglint: z.string().min(1),
  /** Longest wait for yanglint's answer to one validation before it is restarted (ms). */
  yangTimeoutMs: z.coerce.number().int().min(100).max(3_600_000),
  /** Longest wait for yanglint to start and load the YANG modules (ms): slow on a loaded machine. */
  yangStartTimeoutMs: z.coerce.number().int().min(100).max(3_600_000),
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /**
   * Closed-loop autonomy (TM Forum): off = detect and record only; L3 = propose and wait for approval;
   * L4 = act, verify, roll back. Absent: L4 on the embedded simulator, L3 on a real network.
   */
  autonomy: z.enum(['off', 'L3', 'L4']).optional(),
  /** token: bearer tokens on the whole API (default); none: open, allowed on loopback only. */
  auth: z.enum(['token', 'none']),
  /** PEM certificate chain and key: serve HTTPS instead of HTTP. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** Host names the API answers to besides loopback and IP literals (comma-separated; DNS-rebinding defence). */
  allowedHosts: z.string().optional(),
  /** API requests per minute per client (token, else address); 0 turns the limit off. */
  rateLimitPerMinute: z.coerce.number().int().min(0).max(1_000_000),
  /** Optional OIDC: issuer and audience of accepted JWTs, JWKS URL or file, and the claim holding the role. */
  oidcIssuer: z.string().min(1).optional(),
  oidcAudience: z.string().min(1).optional(),
  oidcJwks: z.string().min(1).optional(),
  oidcRoleClaim: z.string().min(1),
  /** gNMI to a real network (`network: gnmi`) is TLS by default: CA of the targets (else system roots). */
  gnmiCa: z.string().min(1).optional(),
  /** gNMI username/password metadata (gNMI spec 3.1), sent only over TLS. */
  gnmiUsername: z.string().min(1).optional(),
  gnmiPassword: z.string().min(1).optional(),
  /** Plaintext gNMI (a lab proxy on loopback); refused together with a password. */
  gnmiInsecure: z.stringbool().optional(),
  /** SNMPv3 authPriv (SHA + AES) for legacy NEs of a real network: the default and only secure choice. */
  snmpUser: z.string().min(1).optional(),
  snmpAuthKey: z.string().min(8).optional(),
  snmpPrivKey: z.string().min(8).optional(),
  /** SNMPv2c community instead (explicit, insecure opt-in for old agents). */
  snmpCommunity: z.string().min(1).optional(),
});

export type AppConfig = z.infer<typeof configSchema>;

/** The autonomy level in force: the configured one, else L4 on the embedded simulator and L3 elsewhere. */
export function autonomyOf(config: Pick<AppConfig, 'autonomy' | 'network'>): 'off' | 'L3' | 'L4' {
  return config.autonomy ?? (config.network === 'gnmi' ? 'L3' : 'L4');
}

/** Which environment variable feeds which setting (for error messages and docs). */
export const ENV_NAMES: Readonly<Record<keyof AppConfig, string>> = {
  topology: 'AUTONET_TOPOLOGY',
  topologyFormat: 'AUTONET_TOPOLOGY_FORMAT',
  port: 'AUTONET_PORT',
  host: 'AUTONET_HOST',
  dataDir: 'AUTONET_DATA_DIR',
  network: 'AUTONET_NETWORK',
  gnmi: 'AUTONET_GNMI',
  snmp: 'AUTONET_SNMP',
  legacy: 'AUTONET_LEGACY',
  simSeed: 'AUTONET_SIM_SEED',
  simSpeed: 'AUTONET_SIM_SPEED',
  simAdminPort: 'AUTONET_SIM_ADMIN_PORT',
  influxUrl: 'AUTONET_INFLUX_URL',
  influxDb: 'AUTONET_INFLUX_DB',
  influxUsername: 'AUTONET_INFLUX_USERNAME',
  influxPassword: 'AUTONET_INFLUX_PASSWORD',
  influxToken: 'AUTONET_INFLUX_TOKEN',
  telemetryIntervalMs: 'AUTONET_TELEMETRY_INTERVAL_MS',
  networkLatencyMs: 'AUTONET_NETWORK_LATENCY_MS',
  reconcileIntervalMs: 'AUTONET_RECONCILE_INTERVAL_MS',
  computeWorkers: 'AUTONET_COMPUTE_WORKERS',
  computeBudgetMs: 'AUTONET_COMPUTE_BUDGET_MS',
  auditMaxRows: 'AUTONET_AUDIT_MAX_ROWS',
  auditMaxAgeDays: 'AUTONET_AUDIT_MAX_AGE_DAYS',
  yangDir: 'AUTONET_YANG_DIR',
  yanglint: 'AUTONET_YANGLINT',
  yangTimeoutMs: 'AUTONET_YANG_TIMEOUT_MS',
  yangStartTimeoutMs: 'AUTONET_YANG_START_TIMEOUT_MS',
  bodyLimitBytes: 'AUTONET_BODY_LIMIT_BYTES',
  logLevel: 'AUTONET_LOG_LEVEL',
  autonomy: 'AUTONET_AUTONOMY',
  auth: 'AUTONET_AUTH',
  tlsCert: 'AUTONET_TLS_CERT',
  tlsKey: 'AUTONET_TLS_KEY',
  allowedHosts: 'AUTONET_ALLOWED_HOSTS',
  rateLimitPerMinute: 'AUTONET_RATE_LIMIT',
  oidcIssuer: 'AUTONET_OIDC_ISSUER',
  oidcAudience: 'AUTONET_OIDC_AUDIENCE',
  oidcJwks: 'AUTONET_OIDC_JWKS',
  oidcRoleClaim: 'AUTONET_OIDC_ROLE_CLAIM',
  gnmiCa: 'AUTONET_GNMI_CA',
  gnmiUsername: 'AUTONET_GNMI_USERNAME',
  gnmiPassword: 'AUTONET_GNMI_PASSWORD',
  gnmiInsecure: 'AUTONET_GNMI_INSECURE',
  snmpUser: 'AUTONET_SNMP_USER',
  snmpAuthKey: 'AUTONET_SNMP_AUTH_KEY',
  snmpPrivKey: 'AUTONET_SNMP_PRIV_KEY',
  snmpCommunity: 'AUTONET_SNMP_COMMUNITY',
};

/** Loopback listen addresses: the only ones `--auth none` may use. */
export const isLoopbackHost = (host: string): boolean => /^(127\.|::1$|localhost$|\[::1\]$)/.test(host);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      `config: ${problems.length} bad setting${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`,
    );
  }
}

function defaults(root: string): Record<keyof AppConfig, unknown> {
  return {
    topology: join(root, 'topology', 'abilene.json'),
    topologyFormat: undefined,
    port: 8080,
    host: '127.0.0.1',
    dataDir: resolve('data'),
    network: 'sim',
    gnmi: undefined,
    snmp: undefined,
    legacy: undefined,
    simSeed: 1,
    simSpeed: 1,
    simAdminPort: undefined,
    influxUrl: undefined,
    influxDb: 'autonet',
    influxUsername: undefined,
    influxPassword: undefined,
    influxToken: undefined,
    telemetryIntervalMs: 1000,
    networkLatencyMs: 0,
    reconcileIntervalMs: 30_000,
    computeWorkers: undefined,
    computeBudgetMs: 5000,
    auditMaxRows: 1_000_000,
    auditMaxAgeDays: 365,
    yangDir: join(root, 'yang'),
    yanglint: 'yanglint',
    yangTimeoutMs: 10_000,
    yangStartTimeoutMs: 60_000,
    bodyLimitBytes: 1024 * 1024,
    logLevel: 'info',
    autonomy: undefined,
    auth: 'token',
    tlsCert: undefined,
    tlsKey: undefined,
    allowedHosts: undefined,
    rateLimitPerMinute: 3000,
    oidcIssuer: undefined,
    oidcAudience: undefined,
    oidcJwks: undefined,
    oidcRoleClaim: 'role',
    gnmiCa: undefined,
    gnmiUsername: undefined,
    gnmiPassword: undefined,
    gnmiInsecure: undefined,
    snmpUser: undefined,
    snmpAuthKey: undefined,
    snmpPrivKey: undefined,
    snmpCommunity: undefined,
  };
}

/**
 * Parses the configuration once: defaults ← environment ← CLI options. Every bad value is reported at once,
 * named by the variable or option it came from.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cli: Partial<Record<keyof AppConfig, unknown>> = {},
  root: string = packageRoot(),
): AppConfig {
  const raw: Record<string, unknown> = defaults(root);
  const source: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      raw[key] = value;
      source[key] = name;
    }
  }
  for (const [key, value] of Object.entries(cli)) {
    if (value === undefined) continue;
    raw[key] = value;
    source[key] = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  }
  const parsed = configSchema
    .refine((c) => c.network !== 'gnmi' || c.gnmi !== undefined, {
      path: ['gnmi'],
      message: 'required with network gnmi',
    })
    .refine((c) => c.auth !== 'none' || isLoopbackHost(c.host), {
      path: ['auth'],
      message: 'none is allowed only when listening on loopback',
    })
    .refine((c) => (c.tlsCert === undefined) === (c.tlsKey === undefined), {
      path: ['tlsCert'],
      message: 'give both --tls-cert and --tls-key',
    })
    .refine((c) => c.oidcIssuer === undefined || (c.oidcAudience !== undefined && c.oidcJwks !== undefined), {
      path: ['oidcIssuer'],
      message: 'needs --oidc-audience and --oidc-jwks',
    })
    .refine((c) => (c.gnmiUsername === undefined) === (c.gnmiPassword === undefined), {
      path: ['gnmiUsername'],
      message: 'give both the gNMI username and password',
    })
    .refine((c) => c.influxToken === undefined || c.influxUsername === undefined, {
      path: ['influxToken'],
      message: 'give an InfluxDB token or a user, not both',
    })
    .refine((c) => c.gnmiInsecure !== true || c.gnmiPassword === undefined, {
      path: ['gnmiInsecure'],
      message: 'a gNMI password is never sent without TLS',
    })
    .refine(
      (c) =>
        c.network !== 'gnmi' ||
        (c.legacy ?? '').trim() === '' ||
        c.snmpCommunity !== undefined ||
        (c.snmpUser !== undefined && c.snmpAuthKey !== undefined && c.snmpPrivKey !== undefined),
      {
        path: ['snmpUser'],
        message:
          'legacy NEs of a real network use SNMPv3 authPriv: give --snmp-user, --snmp-auth-key and --snmp-priv-key (or opt in to v2c with --snmp-community)',
      },
    )
    .safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const key = String(i.path[0]);
    return `${source[key] ?? ENV_NAMES[key as keyof AppConfig] ?? key}: ${i.message}`;
  });
  throw new ConfigError(problems);
}

/** The CLI caller's API credential (`AUTONET_TOKEN`), sent by every command that talks to a controller. */
export function clientToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env['AUTONET_TOKEN']?.trim();
  return token === undefined || token === '' ? undefined : token;
}
