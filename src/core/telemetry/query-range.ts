import { InvalidQueryError } from '../errors';
import type { QueryRange } from './telemetry-point';

export interface RangeParams {
  readonly from?: string;
  readonly to?: string;
  readonly step?: string;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Most buckets one query may return. */
export const MAX_BUCKETS = 10_000;

/**
 * Query parameters → a range. `from`/`to`: epoch milliseconds, ISO-8601, or a negative duration relative to
 * now (`-15m`); defaults: the last hour. `step`: milliseconds or a duration (`10s`, `1m`); default: the range
 * split into ~300 buckets, at least 1 s. `nowMs` is passed in (core reads no clock).
 */
export function parseQueryRange(p: RangeParams, nowMs: number): QueryRange {
  const toMs = p.to === undefined || p.to === '' ? nowMs : instant(p.to, nowMs, 'to');
  const fromMs = p.from === undefined || p.from === '' ? toMs - 3_600_000 : instant(p.from, nowMs, 'from');
  if (!(fromMs <= toMs))
    throw new InvalidQueryError(`from (${fromMs}) is after to (${toMs})`, { path: 'from' });
  const stepMs =
    p.step === undefined || p.step === ''
      ? Math.max(1000, Math.ceil((toMs - fromMs) / 300))
      : duration(p.step, 'step');
  if (!(stepMs > 0)) throw new InvalidQueryError('step must be positive', { path: 'step' });
  if ((toMs - fromMs) / stepMs > MAX_BUCKETS) {
    throw new InvalidQueryError(`more than ${MAX_BUCKETS} buckets: raise step`, { path: 'step' });
  }
  return { fromMs, toMs, stepMs };
}

function instant(s: string, nowMs: number, path: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.startsWith('-')) return nowMs - duration(s.slice(1), path);
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new InvalidQueryError(`${path}: not a time: '${s}'`, { path });
  return t;
}

function duration(s: string, path: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(s);
  if (!m) throw new InvalidQueryError(`${path}: not a duration: '${s}'`, { path });
  return Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!;
}
