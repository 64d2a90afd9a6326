// The controller's REST API, as the dashboard reads it (same origin, /api/v1).

export const API = '/api/v1';
const TIMEOUT_MS = 8000;
const TOKEN_KEY = 'autonet.token';

/**
 * The bearer token: taken once from `?token=` (the URL the controller prints at start), kept in
 * sessionStorage for this tab, and removed from the address bar so it is not bookmarked or shared.
 * @returns {string | undefined}
 */
export function token() {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** @param {Record<string, string>} extra */
function headers(extra) {
  const t = token();
  return t ? { ...extra, authorization: `Bearer ${t}` } : extra;
}

/**
 * An EventSource URL under /api/v1 (EventSource cannot send headers: the token travels as a parameter).
 * @param {string} path
 */
export function streamUrl(path) {
  const t = token();
  return t
    ? `${API}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(t)}`
    : API + path;
}

/** The API did not answer at all (connection refused, reset, timeout): the banner case. */
export class ApiUnreachableError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ApiUnreachableError';
  }
}

/** The API answered with an error status. */
export class ApiStatusError extends Error {
  /** @param {string} path @param {number} status */
  constructor(path, status) {
    super(`${path}: HTTP ${status}`);
    this.name = 'ApiStatusError';
    this.status = status;
  }
}

/**
 * GET a JSON document under /api/v1. The deadline covers the whole answer, body included: an answer whose
 * headers came but whose body stalls would otherwise hold the caller (the refresh loop) forever.
 * @param {string} path e.g. '/topology'
 * @returns {Promise<any>}
 */
export async function getJson(path) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  // no answer at all, or a body that stopped coming: the banner case
  const unreachable = (/** @type {unknown} */ err) => {
    throw new ApiUnreachableError(ctrl.signal.aborted ? `no answer in ${TIMEOUT_MS / 1000} s` : String(err));
  };
  try {
    const res = await fetch(API + path, {
      headers: headers({ accept: 'application/json' }),
      signal: ctrl.signal,
      cache: 'no-store',
    }).catch(unreachable);
    // a gateway in front of a dead controller answers 502/503/504: that is "down" too
    if (res.status >= 502 && res.status <= 504) throw new ApiUnreachableError(`HTTP ${res.status}`);
    if (!res.ok) throw new ApiStatusError(path, res.status);
    return JSON.parse(await res.text().catch(unreachable));
  } finally {
    clearTimeout(timer);
  }
}

/** A 4xx/5xx answer to a change, with the controller's RFC 8040 error message. */
export class ApiRefusedError extends Error {
  /** @param {number} status @param {string} message @param {any} body */
  constructor(status, message, body) {
    super(message);
    this.name = 'ApiRefusedError';
    this.status = status;
    this.body = body;
  }
}

/**
 * POST/PUT/DELETE JSON under /api/v1; answers the parsed body, or throws ApiRefusedError with the message.
 * @param {string} method @param {string} path @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function sendJson(method, path, body) {
  let res;
  try {
    res = await fetch(API + path, {
      method,
      headers: headers({
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    throw new ApiUnreachableError(String(err));
  }
  const text = await res.text();
  /** @type {any} */
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const errs = parsed?.['ietf-restconf:errors']?.error ?? [];
    const msg = errs
      .map(
        (/** @type {any} */ e) => `${e['error-message']}${e['error-path'] ? ` (at ${e['error-path']})` : ''}`,
      )
      .join('; ');
    throw new ApiRefusedError(res.status, msg || `HTTP ${res.status}`, parsed);
  }
  return parsed;
}

export const api = {
  health: () => getJson('/health'),
  topology: () => getJson('/topology'),
  intents: () => getJson('/intents'),
  telemetryStatus: () => getJson('/telemetry/status'),
  twinState: () => getJson('/twin/state'),
  incidents: () => getJson('/incidents?state=all'),
  /**
   * The last five minutes of one link's telemetry, 10 s buckets.
   * @param {string} linkId
   * @param {Date} now
   */
  linkTelemetry: (linkId, now) => {
    const to = now.toISOString();
    const from = new Date(now.getTime() - 5 * 60_000).toISOString();
    const q = new URLSearchParams({ from, to, step: '10s' });
    return getJson(`/telemetry/links/${encodeURIComponent(linkId)}?${q}`);
  },
};
