// The controller's REST API, as the dashboard reads it (same origin, /api/v1).

export const API = '/api/v1';
const TIMEOUT_MS = 8000;

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
 * GET a JSON document under /api/v1.
 * @param {string} path e.g. '/topology'
 * @returns {Promise<any>}
 */
export async function getJson(path) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch(API + path, {
      headers: { accept: 'application/json' },
      signal: ctrl.signal,
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiUnreachableError(ctrl.signal.aborted ? `no answer in ${TIMEOUT_MS / 1000} s` : String(err));
  } finally {
    clearTimeout(timer);
  }
  // a gateway in front of a dead controller answers 502/503/504: that is "down" too
  if (res.status >= 502 && res.status <= 504) throw new ApiUnreachableError(`HTTP ${res.status}`);
  if (!res.ok) throw new ApiStatusError(path, res.status);
  return res.json();
}

export const api = {
  health: () => getJson('/health'),
  topology: () => getJson('/topology'),
  intents: () => getJson('/intents'),
  telemetryStatus: () => getJson('/telemetry/status'),
  twinState: () => getJson('/twin/state'),
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
