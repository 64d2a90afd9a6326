import type {
  SimDestinationCounters,
  SimInterfaceState,
  SimNodeState,
  SimPolicyCounters,
  SimProbeState,
  SimSource,
} from '../sim-source';
import { elemMatches, type Elem } from './gnmi-path';

/** A leaf value before encoding: 64-bit counters stay bigint. */
export type LeafValue =
  | { readonly t: 'uint'; readonly v: bigint }
  | { readonly t: 'uint32'; readonly v: number }
  | { readonly t: 'double'; readonly v: number }
  | { readonly t: 'decimal'; readonly v: number; readonly digits: number }
  | { readonly t: 'string'; readonly v: string };

/** Counters are sampled, status leaves change (TARGET_DEFINED picks the mode from this). */
export type LeafKind = 'counter' | 'status' | 'gauge';

export interface Leaf {
  readonly path: readonly Elem[];
  readonly value: LeafValue;
  readonly kind: LeafKind;
}

interface Ctx {
  readonly node: SimNodeState;
  readonly source: SimSource;
  readonly iface?: SimInterfaceState;
  readonly probe?: SimProbeState;
  readonly traffic?: SimPolicyCounters;
  readonly dest?: SimDestinationCounters;
}

type SchemaNode =
  | { readonly kind: 'container'; readonly name: string; readonly children: readonly SchemaNode[] }
  | {
      readonly kind: 'list';
      readonly name: string;
      readonly key: string;
      readonly entries: (ctx: Ctx) => readonly (readonly [string, Ctx])[];
      readonly children: readonly SchemaNode[];
    }
  | {
      readonly kind: 'leaf';
      readonly name: string;
      readonly leaf: LeafKind;
      readonly get: (ctx: Ctx) => LeafValue;
    };

const uint = (v: bigint): LeafValue => ({ t: 'uint', v });
const double = (v: number): LeafValue => ({ t: 'double', v });
const uint32 = (v: number): LeafValue => ({ t: 'uint32', v: Math.max(0, Math.round(v)) });

/** OpenConfig counter leaf names and the SimInterfaceState field each reads. */
export const COUNTER_LEAVES = [
  ['in-octets', 'inOctets'],
  ['out-octets', 'outOctets'],
  ['in-pkts', 'inPkts'],
  ['out-pkts', 'outPkts'],
  ['in-errors', 'inErrors'],
  ['out-errors', 'outErrors'],
  ['in-discards', 'inDiscards'],
  ['out-discards', 'outDiscards'],
  ['in-fcs-errors', 'inFcsErrors'],
] as const;

const counterNodes: SchemaNode[] = COUNTER_LEAVES.map(([name, field]) => ({
  kind: 'leaf',
  name,
  leaf: 'counter',
  get: (c: Ctx) => uint(c.iface![field]),
}));

export const SR_POLICIES = 'autonet-sr-policy:sr-policies';
export const TRAFFIC_MATRIX = 'autonet-sr-policy:traffic-matrix';

/** Each installed policy of the headend with its probe result and traffic counters. */
function policyEntries(c: Ctx): (readonly [string, Ctx])[] {
  const traffic = new Map((c.source.policyCounters?.(c.node.id) ?? []).map((t) => [t.policy, t]));
  return c.source.probes(c.node.id).map((p) => {
    const t = traffic.get(p.policy);
    return [p.policy, { ...c, probe: p, ...(t && { traffic: t }) }] as const;
  });
}

const ZERO = uint(0n);

/** The data tree each simulated NE exposes (sim-contract.md). */
const SCHEMA: readonly SchemaNode[] = [
  {
    kind: 'container',
    name: 'interfaces',
    children: [
      {
        kind: 'list',
        name: 'interface',
        key: 'name',
        entries: (c) => c.node.interfaces.map((i) => [i.name, { ...c, iface: i }] as const),
        children: [
          {
            kind: 'container',
            name: 'state',
            children: [
              {
                kind: 'leaf',
                name: 'oper-status',
                leaf: 'status',
                get: (c) => ({ t: 'string', v: c.iface!.operUp ? 'UP' : 'DOWN' }),
              },
              { kind: 'leaf', name: 'ifindex', leaf: 'gauge', get: (c) => uint32(c.iface!.ifIndex) },
              { kind: 'container', name: 'counters', children: counterNodes },
            ],
          },
        ],
      },
    ],
  },
  {
    kind: 'container',
    name: 'system',
    children: [
      {
        kind: 'container',
        name: 'state',
        children: [
          { kind: 'leaf', name: 'cpu-utilization', leaf: 'gauge', get: (c) => double(c.node.cpuPct) },
          { kind: 'leaf', name: 'memory-utilization', leaf: 'gauge', get: (c) => double(c.node.memPct) },
        ],
      },
    ],
  },
  {
    kind: 'container',
    name: SR_POLICIES,
    children: [
      {
        kind: 'list',
        name: 'policy',
        key: 'name',
        entries: policyEntries,
        children: [
          {
            kind: 'container',
            name: 'state',
            children: [
              {
                kind: 'container',
                name: 'probe',
                children: [
                  { kind: 'leaf', name: 'delay-us', leaf: 'gauge', get: (c) => uint32(c.probe!.delayUs) },
                  { kind: 'leaf', name: 'jitter-us', leaf: 'gauge', get: (c) => uint32(c.probe!.jitterUs) },
                  {
                    kind: 'leaf',
                    name: 'loss-pct',
                    leaf: 'gauge',
                    get: (c) => ({ t: 'decimal', v: c.probe!.lossPct, digits: 4 }),
                  },
                  {
                    kind: 'leaf',
                    name: 'probes-sent',
                    leaf: 'gauge',
                    get: (c) => uint32(c.probe!.probesSent),
                  },
                  {
                    kind: 'leaf',
                    name: 'probes-lost',
                    leaf: 'gauge',
                    get: (c) => uint32(c.probe!.probesLost),
                  },
                ],
              },
              {
                kind: 'container',
                name: 'counters',
                children: [
                  {
                    kind: 'leaf',
                    name: 'out-octets',
                    leaf: 'counter',
                    get: (c) => (c.traffic ? uint(c.traffic.outOctets) : ZERO),
                  },
                  {
                    kind: 'leaf',
                    name: 'out-pkts',
                    leaf: 'counter',
                    get: (c) => (c.traffic ? uint(c.traffic.outPkts) : ZERO),
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    kind: 'container',
    name: TRAFFIC_MATRIX,
    children: [
      {
        kind: 'list',
        name: 'destination',
        key: 'node',
        entries: (c) =>
          (c.source.destinationCounters?.(c.node.id) ?? []).map(
            (d) => [d.destination, { ...c, dest: d }] as const,
          ),
        children: [
          {
            kind: 'container',
            name: 'state',
            children: [
              {
                kind: 'container',
                name: 'counters',
                children: [
                  { kind: 'leaf', name: 'out-octets', leaf: 'counter', get: (c) => uint(c.dest!.outOctets) },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

/** Every leaf of `node` selected by the requested path (wildcards allowed; empty path = everything). */
export function collectLeaves(source: SimSource, node: SimNodeState, req: readonly Elem[]): Leaf[] {
  const out: Leaf[] = [];
  walk(SCHEMA, { node, source }, req, [], out);
  return out;
}

/**
 * Element objects are shared and immutable: one per schema node, and one per list entry key value (bounded
 * memo), so the wire encoder can cache each element's bytes by identity.
 */
const plainElems = new WeakMap<SchemaNode, Elem>();
const keyedElems = new WeakMap<SchemaNode, Map<string, Elem>>();

function plainElem(n: SchemaNode): Elem {
  let e = plainElems.get(n);
  if (!e) plainElems.set(n, (e = Object.freeze({ name: n.name })));
  return e;
}

function keyedElem(n: Extract<SchemaNode, { kind: 'list' }>, keyValue: string): Elem {
  let memo = keyedElems.get(n);
  if (!memo) keyedElems.set(n, (memo = new Map<string, Elem>()));
  let e = memo.get(keyValue);
  if (!e) {
    if (memo.size >= 100_000) memo.clear();
    memo.set(keyValue, (e = Object.freeze({ name: n.name, key: Object.freeze({ [n.key]: keyValue }) })));
  }
  return e;
}

function walk(
  nodes: readonly SchemaNode[],
  ctx: Ctx,
  req: readonly Elem[],
  stack: Elem[],
  out: Leaf[],
): void {
  const r = req[stack.length];
  for (const n of nodes) {
    if (n.kind === 'list') {
      for (const [keyValue, child] of n.entries(ctx)) {
        const e = keyedElem(n, keyValue);
        if (!elemMatches(r, n.name, e.key)) continue;
        stack.push(e);
        walk(n.children, child, req, stack, out);
        stack.pop();
      }
    } else if (elemMatches(r, n.name)) {
      stack.push(plainElem(n));
      if (n.kind === 'container') walk(n.children, ctx, req, stack, out);
      else if (req.length <= stack.length) out.push({ path: stack.slice(), value: n.get(ctx), kind: n.leaf });
      stack.pop();
    }
  }
}
