import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

/** Hostname of a Host header value (`name:port`, `[v6]:port`), lower-cased; undefined when malformed. */
export function hostnameOf(host: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m?.[1]) return undefined;
  return m[1].replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * DNS-rebinding defence: a browser tricked into sending requests to our address still sends the attacker's
 * hostname in Host. Accepted: IP literals (rebinding needs a name), loopback names and the configured names.
 */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined) return false;
  const name = hostnameOf(host);
  if (name === undefined) return false;
  return isIP(name) !== 0 || LOOPBACK_NAMES.has(name) || allowed.some((a) => a.toLowerCase() === name);
}

/**
 * A browser's Origin, when sent, must be this very host (same origin: the dashboard) or a configured name;
 * no cross-site page may call the API, even one served from an IP literal.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  try {
    const from = new URL(origin);
    if (host !== undefined && from.host.toLowerCase() === host.trim().toLowerCase()) return true;
    return allowed.some((a) => a.toLowerCase() === from.hostname.toLowerCase());
  } catch {
    return false;
  }
}
