// Live inputs: the intent event stream (SSE, reconnecting) and per-link telemetry (polled, bounded).

import { api, ApiStatusError, streamUrl } from './api.js';
import { telemetryUtilisation } from './format.js';

const MAX_BACKOFF_MS = 30_000;

/**
 * Whether to hold event streams open. Headless Chromium's `--screenshot --virtual-time-budget` only advances
 * time while no fetch is pending, and an event stream never ends: the page would hang it. So a headless
 * browser polls instead, unless `?live=1` asks for streams (the browser tests do).
 */
export function streamsWanted() {
  return (
    new URLSearchParams(location.search).get('live') === '1' || !/HeadlessChrome/.test(navigator.userAgent)
  );
}

/**
 * An EventSource on /intents/events that comes back after any failure.
 * @param {{ onEvent: (type: string, data: any) => void, onState: (state: 'open' | 'reconnecting' | 'polling') => void }} cb
 */
export function connectIntentStream(cb) {
  return connectStream('/intents/events', ['intent.status', 'intent.removed'], cb);
}

/**
 * An EventSource under /api/v1 that comes back after any failure. The browser retries on its own while the
 * stream is merely interrupted; when it gives up (HTTP error, wrong content type) we reopen with exponential
 * backoff. Unnamed events arrive as their `type` member, or 'message'.
 * @param {string} path
 * @param {string[]} types named events to listen to
 * @param {{ onEvent: (type: string, data: any) => void, onState: (state: 'open' | 'reconnecting' | 'polling') => void }} cb
 */
export function connectStream(path, types, cb) {
  if (!streamsWanted()) {
    cb.onState('polling');
    return { reconnect() {} };
  }
  let backoff = 1000;
  /** @type {EventSource | undefined} */
  let es;
  let timer = 0;

  const open = () => {
    es = new EventSource(streamUrl(path));
    es.onopen = () => {
      backoff = 1000;
      cb.onState('open');
    };
    es.onerror = () => {
      cb.onState('reconnecting');
      if (es && es.readyState === EventSource.CLOSED) {
        es.close();
        clearTimeout(timer);
        timer = window.setTimeout(open, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    };
    for (const type of [...types, 'message']) {
      es.addEventListener(type, (e) => {
        const msg = /** @type {MessageEvent} */ (e);
        let data;
        try {
          data = JSON.parse(msg.data);
        } catch {
          return; // not ours: ignore rather than break the stream
        }
        cb.onEvent(type === 'message' ? (data.type ?? 'message') : type, data);
      });
    }
  };
  open();
  return {
    /** Reopen at once (e.g. after the API came back). */
    reconnect() {
      if (es && es.readyState === EventSource.OPEN) return;
      es?.close();
      clearTimeout(timer);
      backoff = 1000;
      open();
    },
  };
}

/**
 * Runs `fn` over `items`, at most `limit` at a time.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} fn
 * @returns {Promise<Array<R | undefined>>}
 */
async function pool(items, limit, fn) {
  /** @type {Array<R | undefined>} */
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]);
      } catch {
        out[i] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Reads the telemetry status and, when telemetry is available, the latest utilisation of every link.
 * @param {string[]} linkIds
 * @returns {Promise<{ available: boolean, status?: any, util: Map<string, number> }>}
 */
export async function readTelemetry(linkIds) {
  let status;
  try {
    status = await api.telemetryStatus();
  } catch (err) {
    if (err instanceof ApiStatusError) return { available: false, util: new Map() };
    throw err;
  }
  const now = new Date();
  const values = await pool(linkIds, 4, async (id) => telemetryUtilisation(await api.linkTelemetry(id, now)));
  /** @type {Map<string, number>} */
  const util = new Map();
  linkIds.forEach((id, i) => {
    const u = values[i];
    if (u !== undefined) util.set(id, u);
  });
  return { available: true, status, util };
}

/**
 * A one-line summary of GET /telemetry/status (ADR 0073: `running`, `samplesPerSec`, `nes[].state`); tolerant
 * of other shapes: a list of sessions, or a status word.
 * @param {any} status
 * @returns {{ ok: boolean, text: string }}
 */
export function telemetrySummary(status) {
  const list = [status?.nes, status?.sessions, status?.targets].find(Array.isArray);
  const rate = Number.isFinite(status?.samplesPerSec) ? ` · ${Math.round(status.samplesPerSec)}/s` : '';
  if (status?.running === false) return { ok: false, text: 'stopped' };
  if (list) {
    const up = list.filter((/** @type {any} */ x) => UP.test(String(x?.state ?? x?.status ?? ''))).length;
    return { ok: up === list.length && list.length > 0, text: `${up}/${list.length} NEs${rate}` };
  }
  const word = String(status?.status ?? status?.state ?? 'ok');
  return { ok: UP.test(word), text: word };
}

const UP = /^(up|ok|connected|ready|streaming|synced|healthy|running)$/i;
