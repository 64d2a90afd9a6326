import type { NodeId } from '../../../core/model/ids';
import type { SrPolicyConfig, TelemetrySample } from '../../../ports/ne-driver.port';
import { SR_POLICIES_CONTAINER, SR_POLICY_MODULE, srPolicyToJson } from '../../yang/sr-policy-json.mapping';
import type { SrPolicyJson } from '../../yang/sr-policy-json.mapping';
import { operStatus, toBigint, toNumber } from './gnmi-value.mapping';
import type { GnmiElem, GnmiNotification } from './gnmi-wire.types';

/**
 * Edge mapping between gNMI wire shapes and the core's: notifications → TelemetrySample (counters stay
 * bigint), SrPolicyConfig ↔ RFC 7951 JSON of the autonet-sr-policy module.
 */

/** The module's JSON and its one writer live with the YANG adapter; the driver only carries it. */
export const SR_POLICIES = SR_POLICIES_CONTAINER;
export const policyToJson = srPolicyToJson;
/** Per-destination counters of IGP-routed traffic (autonet-sr-policy `traffic-matrix`, config false). */
export const TRAFFIC_MATRIX = `${SR_POLICY_MODULE}:traffic-matrix`;

const byIndex = <T extends { readonly index?: number }>(a: T, b: T): number =>
  (a.index ?? 0) - (b.index ?? 0);

/** Reads one policy entry; member names may carry the `autonet-sr-policy:` qualifier (RFC 7951 4). */
export function policyFromJson(raw: unknown, headend: NodeId): SrPolicyConfig {
  const j = unqualify(raw) as unknown as SrPolicyJson;
  return {
    name: j.name,
    headend: (j.headend ?? headend) as NodeId,
    color: j.color,
    endpoint: j.endpoint,
    ...(j['binding-sid'] === undefined ? {} : { bindingSid: j['binding-sid'] }),
    ...(j['probe-only'] === true && { probeOnly: true }),
    candidatePaths: (j['candidate-path'] ?? []).map((cp) => ({
      preference: cp.preference,
      segmentLists: [...(cp['segment-list'] ?? [])].sort(byIndex).map((sl) => ({
        weight: sl.weight ?? 1,
        sids: [...sl.segment].sort(byIndex).map((s) => s.sid),
      })),
    })),
  };
}

/** The container value of a Get of /autonet-sr-policy:sr-policies. */
export function policiesFromContainerJson(text: string, headend: NodeId): SrPolicyConfig[] {
  const body = unqualify(JSON.parse(text)) as { policy?: unknown[]; 'sr-policies'?: { policy?: unknown[] } };
  const list = body.policy ?? (unqualify(body['sr-policies']) as { policy?: unknown[] }).policy ?? [];
  return list.map((p) => policyFromJson(p, headend));
}

function unqualify(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.slice(k.indexOf(':') + 1), v]));
}

/** Counter leaf → slot in a per-interface accumulator (order of the TelemetrySample fields). */
const COUNTER_SLOTS: Readonly<Record<string, number>> = {
  'in-octets': 0,
  'out-octets': 1,
  'in-pkts': 2,
  'out-pkts': 3,
  'in-errors': 4,
  'in-discards': 5,
  'out-discards': 6,
  'in-fcs-errors': 7,
};

/** One interface's counters while a notification is read (fixed shape: fast property access). */
class CounterAcc {
  readonly v: (bigint | undefined)[] = new Array<bigint | undefined>(8).fill(undefined);
  constructor(readonly ifName: string) {}
}

const strip = (name: string): string => name.slice(name.indexOf(':') + 1);

/** What an update's full path (prefix + path) denotes, computed once per distinct path. */
type Leaf =
  | { readonly kind: 'counter'; readonly slot: number; readonly ifName: string }
  | { readonly kind: 'oper-status'; readonly ifName: string }
  | { readonly kind: 'cpu' | 'mem' | 'none' }
  | { readonly kind: 'probe'; readonly policy: string; readonly leaf: ProbeLeaf }
  | { readonly kind: 'policy-counter'; readonly policy: string; readonly leaf: 'outOctets' | 'outPkts' }
  | { readonly kind: 'destination-counter'; readonly destination: string };

type ProbeLeaf = 'delayUs' | 'jitterUs' | 'lossPct' | 'probesSent' | 'probesLost';
const PROBE_LEAVES: Readonly<Record<string, ProbeLeaf>> = {
  'delay-us': 'delayUs',
  'jitter-us': 'jitterUs',
  'loss-pct': 'lossPct',
  'probes-sent': 'probesSent',
  'probes-lost': 'probesLost',
};
const POLICY_COUNTERS: Readonly<Record<string, 'outOctets' | 'outPkts'>> = {
  'out-octets': 'outOctets',
  'out-pkts': 'outPkts',
};
const NONE: Leaf = { kind: 'none' };

function classify(prefix: readonly GnmiElem[], path: readonly GnmiElem[]): Leaf {
  const e = [...prefix, ...path];
  const top = strip(e[0]?.name ?? '');
  const last = e[e.length - 1]?.name ?? '';
  const key = e[1]?.key?.['name'];
  if (top === 'interfaces' && key !== undefined && e[2]?.name === 'state') {
    const slot = COUNTER_SLOTS[last];
    if (e.length === 5 && e[3]!.name === 'counters' && slot !== undefined)
      return { kind: 'counter', slot, ifName: key };
    if (e.length === 4 && last === 'oper-status') return { kind: 'oper-status', ifName: key };
  }
  if (top === 'system' && e.length === 3 && e[1]!.name === 'state') {
    return last === 'cpu-utilization'
      ? { kind: 'cpu' }
      : last === 'memory-utilization'
        ? { kind: 'mem' }
        : NONE;
  }
  if (top === 'sr-policies' && e.length === 5 && key !== undefined && e[2]?.name === 'state') {
    const probe = PROBE_LEAVES[last];
    if (e[3]!.name === 'probe' && probe) return { kind: 'probe', policy: key, leaf: probe };
    const counter = POLICY_COUNTERS[last];
    if (e[3]!.name === 'counters' && counter) return { kind: 'policy-counter', policy: key, leaf: counter };
  }
  // /autonet-sr-policy:traffic-matrix/destination[node=X]/state/counters/out-octets (IGP-routed traffic)
  const dst = e[1]?.key?.['node'];
  if (top === 'traffic-matrix' && e.length === 5 && dst !== undefined && last === 'out-octets') {
    if (e[2]!.name === 'state' && e[3]!.name === 'counters')
      return { kind: 'destination-counter', destination: dst };
  }
  return NONE;
}

/**
 * Classification cache keyed by the decoded path object: the wire decoder hands out the same object for the
 * same path bytes, so steady-state telemetry classifies each update with one WeakMap lookup. The prefix
 * differs per target, so prefixes are first reduced to one canonical object per distinct element list.
 */
const classified = new WeakMap<object, { readonly prefix: object; readonly leaf: Leaf }>();
const canonicalPrefixes = new Map<string, object>();

function canonicalPrefix(elems: readonly GnmiElem[]): object {
  let key = '';
  for (const e of elems) key += '/' + e.name + (e.key ? JSON.stringify(e.key) : '');
  let c = canonicalPrefixes.get(key);
  if (c === undefined) {
    if (canonicalPrefixes.size > 1024) canonicalPrefixes.clear();
    canonicalPrefixes.set(key, (c = { key }));
  }
  return c;
}

function leafOf(
  prefix: object,
  prefixElems: readonly GnmiElem[],
  path: { readonly elems: readonly GnmiElem[] },
): Leaf {
  const hit = classified.get(path);
  if (hit !== undefined && hit.prefix === prefix) return hit.leaf;
  const leaf = classify(prefixElems, path.elems);
  classified.set(path, { prefix, leaf });
  return leaf;
}

type Probe = { -readonly [K in ProbeLeaf]?: number };
type PolicyCounters = { outOctets?: bigint; outPkts?: bigint };

/** Appends the samples carried by one notification to `out` (several leaves of one interface → one sample). */
export function notificationToSamples(ne: NodeId, n: GnmiNotification, out: TelemetrySample[]): void {
  const ts = n.timestampNs;
  let counters: Map<string, CounterAcc> | undefined;
  let acc: CounterAcc | undefined;
  let probes: Map<string, Probe> | undefined;
  let policyCounters: Map<string, PolicyCounters> | undefined;
  let cpuPct: number | undefined;
  let memPct: number | undefined;
  const prefix = canonicalPrefix(n.prefix.elems);
  for (const u of n.updates) {
    const leaf = leafOf(prefix, n.prefix.elems, u.path);
    switch (leaf.kind) {
      case 'counter': {
        const value = u.value.t === 'uint' ? u.value.v : toBigint(u.value);
        if (value === undefined) break;
        if (acc?.ifName !== leaf.ifName) {
          counters ??= new Map();
          acc = counters.get(leaf.ifName);
          if (!acc) counters.set(leaf.ifName, (acc = new CounterAcc(leaf.ifName)));
        }
        acc.v[leaf.slot] = value;
        break;
      }
      case 'oper-status':
        out.push({
          kind: 'oper-status',
          ne,
          interface: leaf.ifName,
          timestampNs: ts,
          status: operStatus(u.value),
        });
        break;
      case 'cpu':
        cpuPct = toNumber(u.value);
        break;
      case 'mem':
        memPct = toNumber(u.value);
        break;
      case 'probe': {
        probes ??= new Map();
        let pr = probes.get(leaf.policy);
        if (!pr) probes.set(leaf.policy, (pr = {}));
        pr[leaf.leaf] = toNumber(u.value);
        break;
      }
      case 'policy-counter': {
        const v = toBigint(u.value);
        if (v === undefined) break;
        policyCounters ??= new Map();
        let pc = policyCounters.get(leaf.policy);
        if (!pc) policyCounters.set(leaf.policy, (pc = {}));
        pc[leaf.leaf] = v;
        break;
      }
      case 'destination-counter': {
        const v = toBigint(u.value);
        if (v === undefined) break;
        const destination = leaf.destination as NodeId;
        out.push({ kind: 'destination-traffic', ne, destination, timestampNs: ts, outOctets: v });
        break;
      }
      case 'none':
        break;
    }
  }
  if (counters) pushCounters(ne, ts, counters, out);
  if (cpuPct !== undefined && memPct !== undefined)
    out.push({ kind: 'node-resources', ne, timestampNs: ts, cpuPct, memPct });
  if (probes) pushProbes(ne, ts, probes, out);
  if (policyCounters) {
    for (const [policy, pc] of policyCounters) {
      if (pc.outOctets === undefined) continue;
      const outPkts = pc.outPkts ?? 0n;
      out.push({ kind: 'policy-traffic', ne, policy, timestampNs: ts, outOctets: pc.outOctets, outPkts });
    }
  }
}

type Counters = Extract<TelemetrySample, { kind: 'interface-counters' }>;

function pushCounters(
  ne: NodeId,
  ts: bigint,
  counters: Map<string, CounterAcc>,
  out: TelemetrySample[],
): void {
  for (const { ifName, v } of counters.values()) {
    const [inOctets, outOctets, inPkts, outPkts, inErrors, inDiscards, outDiscards, inFcsErrors] = v;
    if (inOctets === undefined || outOctets === undefined) continue;
    const sample: { -readonly [K in keyof Counters]: Counters[K] } = {
      kind: 'interface-counters',
      ne,
      interface: ifName,
      timestampNs: ts,
      inOctets,
      outOctets,
    };
    if (inPkts !== undefined) sample.inPkts = inPkts;
    if (outPkts !== undefined) sample.outPkts = outPkts;
    if (inErrors !== undefined) sample.inErrors = inErrors;
    if (inDiscards !== undefined) sample.inDiscards = inDiscards;
    if (outDiscards !== undefined) sample.outDiscards = outDiscards;
    if (inFcsErrors !== undefined) sample.inFcsErrors = inFcsErrors;
    out.push(sample);
  }
}

function pushProbes(ne: NodeId, ts: bigint, probes: Map<string, Probe>, out: TelemetrySample[]): void {
  for (const [policy, pr] of probes) {
    if (pr.delayUs === undefined) continue;
    out.push({
      kind: 'probe',
      ne,
      policy,
      timestampNs: ts,
      delayUs: pr.delayUs,
      jitterUs: pr.jitterUs ?? 0,
      lossPct: pr.lossPct ?? 0,
      probesSent: pr.probesSent ?? 0,
      probesLost: pr.probesLost ?? 0,
    });
  }
}
