import type { SimNetwork } from './sim-network';

export const FAULT_TYPES = [
  'link-down',
  'node-down',
  'gray-loss',
  'latency',
  'flap',
  'crc',
  'congestion',
  'drift',
  'telemetry-gap',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** What a fault acts on, resolved to indices. */
export type FaultTarget =
  | { readonly kind: 'arcs'; readonly arcs: readonly number[] }
  | { readonly kind: 'node'; readonly node: number }
  | { readonly kind: 'pair'; readonly from: number; readonly to: number }
  | { readonly kind: 'policy'; readonly headend: number; readonly policy: string };

export interface FaultSpec {
  readonly type: FaultType;
  readonly target: string;
  readonly resolved: FaultTarget;
  readonly params: Readonly<Record<string, number | string>>;
  readonly startMs?: number;
  readonly durationMs?: number;
}

/** A bad fault request; `field` names the offending field (`type`, `target`, `params.percent`, …). */
export class FaultRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`fault: ${field}: ${message}`);
    this.name = 'FaultRequestError';
  }
}

/** Numeric parameters per type: [name, min, max, default (undefined = required)]. */
const PARAMS: Record<FaultType, readonly (readonly [string, number, number, number | undefined])[]> = {
  'link-down': [],
  'node-down': [],
  'gray-loss': [['percent', 0, 100, undefined]],
  latency: [['us', 0, 10_000_000, undefined]],
  flap: [['periodMs', 1, 86_400_000, undefined]],
  crc: [['rate', 0, 1, undefined]],
  congestion: [['factor', 0, 1000, undefined]],
  drift: [],
  'telemetry-gap': [],
};

/** Which target kinds each type accepts. */
const TARGETS: Record<FaultType, readonly string[]> = {
  'link-down': ['link'],
  'node-down': ['node'],
  'gray-loss': ['link', 'arc'],
  latency: ['link', 'arc'],
  flap: ['link'],
  crc: ['link', 'arc'],
  congestion: ['link', 'arc', 'node', 'pair'],
  drift: ['policy'],
  'telemetry-gap': ['node'],
};

/**
 * Validates a fault request body `{type, target, params, startMs?, durationMs?}` against the network.
 * Targets: a link id (both directions), an arc id (`<link>#ab`), a node id, `A->B` (demands from A to B,
 * congestion only) or `<headend>/<policy>` (drift), checked against the engine's state in `ctx`.
 */
export function parseFaultRequest(body: unknown, net: SimNetwork, ctx: FaultContext): FaultSpec {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FaultRequestError('body', 'must be a JSON object {"type","target","params"}');
  }
  const b = body as Record<string, unknown>;
  const type = b['type'];
  if (typeof type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(type)) {
    throw new FaultRequestError('type', `must be one of ${FAULT_TYPES.join(', ')}`);
  }
  const t = type as FaultType;
  if (typeof b['target'] !== 'string' || b['target'].length === 0) {
    throw new FaultRequestError('target', 'must be a non-empty string');
  }
  const target = b['target'];
  const resolved = resolveTarget(t, target, net, ctx.hasPolicy);
  const params = parseParams(t, b['params'] ?? {});
  checkAgainstEngine(params, ctx);
  const startMs = optionalNumber(b, 'startMs', 0);
  const durationMs = optionalNumber(b, 'durationMs', 1) ?? optionalNumber(params, 'durationMs', 1);
  return {
    type: t,
    target,
    resolved,
    params,
    ...(startMs !== undefined && { startMs }),
    ...(durationMs !== undefined && { durationMs }),
  };
}

/** What the engine knows that a request is checked against. */
export interface FaultContext {
  readonly tickMs: number;
  readonly hasPolicy: (headend: number, name: string) => boolean;
  readonly isSid: (sid: string) => boolean;
}

function checkAgainstEngine(params: Record<string, number | string>, ctx: FaultContext): void {
  const period = params['periodMs'];
  if (typeof period === 'number' && period < 2 * ctx.tickMs) {
    throw new FaultRequestError(
      'params.periodMs',
      `a flap period must be at least two ticks (${2 * ctx.tickMs} ms)`,
    );
  }
  const sid = params['sid'];
  if (typeof sid === 'string' && !ctx.isSid(sid))
    throw new FaultRequestError('params.sid', `'${sid}' is not a SID`);
}

function optionalNumber(o: Record<string, unknown>, key: string, min: number): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new FaultRequestError(key, `must be a number >= ${min}`);
  }
  return v;
}

function parseParams(type: FaultType, raw: unknown): Record<string, number | string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FaultRequestError('params', 'must be an object');
  }
  const p = raw as Record<string, unknown>;
  const out: Record<string, number | string> = {};
  for (const [name, min, max, dflt] of PARAMS[type]) {
    const v = p[name] ?? dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new FaultRequestError(`params.${name}`, `${type} needs a number in [${min}, ${max}]`);
    }
    out[name] = v;
  }
  if (p['durationMs'] !== undefined) out['durationMs'] = optionalNumber(p, 'durationMs', 1)!;
  if (type === 'drift' && p['sid'] !== undefined) {
    if (typeof p['sid'] !== 'string') throw new FaultRequestError('params.sid', 'must be a SID string');
    out['sid'] = p['sid'];
  }
  return out;
}

function resolveTarget(
  type: FaultType,
  target: string,
  net: SimNetwork,
  hasPolicy: (headend: number, name: string) => boolean,
): FaultTarget {
  const allowed = TARGETS[type];
  const fail = (): never => {
    throw new FaultRequestError(
      'target',
      `'${target}' is not a ${allowed.join(' or ')} of this network (${type})`,
    );
  };
  const link = net.linkIndex(target);
  if (link !== undefined && allowed.includes('link')) return { kind: 'arcs', arcs: net.linkArcs[link]! };
  const arc = net.arcIndex(target);
  if (arc !== undefined && allowed.includes('arc')) return { kind: 'arcs', arcs: [arc] };
  const node = net.nodeIndex(target);
  if (node !== undefined && allowed.includes('node')) return { kind: 'node', node };
  if (allowed.includes('pair')) {
    const [a, b, extra] = target.split('->');
    const from = a === undefined ? undefined : net.nodeIndex(a);
    const to = b === undefined ? undefined : net.nodeIndex(b);
    if (from !== undefined && to !== undefined && extra === undefined) return { kind: 'pair', from, to };
  }
  if (allowed.includes('policy')) {
    const cut = target.lastIndexOf('/');
    const headend = cut > 0 ? net.nodeIndex(target.slice(0, cut)) : undefined;
    const name = target.slice(cut + 1);
    if (headend !== undefined && hasPolicy(headend, name)) return { kind: 'policy', headend, policy: name };
    throw new FaultRequestError('target', `'${target}' is not <headend>/<policy> of an installed SR policy`);
  }
  return fail();
}
