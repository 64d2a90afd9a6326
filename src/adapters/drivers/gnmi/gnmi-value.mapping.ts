import type { OperStatus } from '../../../ports/ne-driver.port';
import type { GnmiValue } from './gnmi-wire.types';

/** Scalar gNMI TypedValues → core values (counters stay bigint). */

const strip = (name: string): string => name.slice(name.indexOf(':') + 1);

export function toBigint(v: GnmiValue): bigint | undefined {
  if (v.t === 'uint' || v.t === 'int') return v.v;
  if (v.t === 'json' || v.t === 'string') {
    const text = v.t === 'json' ? (JSON.parse(v.v) as unknown) : v.v;
    return typeof text === 'string' || typeof text === 'number' ? BigInt(text) : undefined;
  }
  return undefined;
}

export function toNumber(v: GnmiValue): number | undefined {
  if (v.t === 'double') return v.v;
  if (v.t === 'uint' || v.t === 'int') return Number(v.v);
  if (v.t === 'json' || v.t === 'string') {
    const x = Number(v.t === 'json' ? JSON.parse(v.v) : v.v);
    return Number.isFinite(x) ? x : undefined;
  }
  return undefined;
}

export function operStatus(v: GnmiValue): OperStatus {
  const raw = v.t === 'string' ? v.v : v.t === 'json' ? String(JSON.parse(v.v)) : '';
  const s = strip(raw).toLowerCase();
  return s === 'up' || s === 'down' || s === 'testing' ? s : 'unknown';
}
