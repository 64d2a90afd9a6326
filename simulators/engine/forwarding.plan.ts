import type { FaultTarget } from './fault-request';
import type { FlowForwarder, FlowEntry, PathTable } from './flow-paths';
import type { PathFragment } from './path-builder';
import { hashString } from './sim-rng';
import type { SimNetwork } from './sim-network';
import type { InstalledPolicy, SrPolicyStore } from './sr-policy.store';
import type { ProbeTarget } from './probe.tracker';

/** Everything forwarding decides between two topology or policy changes. */
export interface ForwardingPlan {
  readonly demandPaths: PathTable;
  readonly probeTargets: readonly ProbeTarget[];
  readonly probePaths: PathTable;
  /** Per demand the index (in probeTargets) of the policy it is steered into, or -1 when IGP-routed. */
  readonly demandPolicy: Int32Array;
}

/**
 * Routes every demand (steered into an SR policy of its headend whose endpoint is its destination, the
 * first by name with a valid candidate path, IGP otherwise) and every installed policy's probe. Probe-only
 * policies are probed but never attract a demand, whatever their endpoint.
 */
export function planForwarding(
  net: SimNetwork,
  forwarder: FlowForwarder,
  store: SrPolicyStore,
  demandSrc: Int32Array,
  demandDst: Int32Array,
  cache: Map<number, PathFragment>,
): ForwardingPlan {
  const policies = store.all();
  const steer = new Map<number, InstalledPolicy>();
  for (const p of policies) {
    if (p.json['probe-only'] === true) continue;
    const key = p.headend * net.nodeCount + p.endpoint;
    const cur = steer.get(key);
    if (!cur || (!forwarder.activeLists(cur) && forwarder.activeLists(p))) steer.set(key, p);
  }
  const index = new Map(policies.map((p, i) => [p, i]));
  const entries: FlowEntry[] = [];
  const demandPolicy = new Int32Array(demandSrc.length).fill(-1);
  for (let d = 0; d < demandSrc.length; d++) {
    const policy = steer.get(demandSrc[d]! * net.nodeCount + demandDst[d]!);
    // An invalid policy (no valid candidate path) falls back to the IGP and counts as IGP-routed traffic.
    if (policy && forwarder.activeLists(policy)) demandPolicy[d] = index.get(policy)!;
    entries.push({ src: demandSrc[d]!, dst: demandDst[d]!, key: d, ...(policy && { policy }) });
  }
  const probeEntries: FlowEntry[] = policies.map((p) => ({
    src: p.headend,
    dst: p.endpoint,
    key: hashString(`${p.headend}/${p.json.name}`) | 0x40000000,
    policy: p,
  }));
  return {
    demandPaths: forwarder.build(entries, cache),
    probeTargets: policies.map((p) => ({ policy: p.json.name, headend: net.nodeIds[p.headend]! })),
    probePaths: forwarder.build(probeEntries),
    demandPolicy,
  };
}

/** Per demand the product of the surge factors of congestion faults that concern it. */
export function surgeFactors(
  net: SimNetwork,
  congestion: readonly { readonly target: FaultTarget; readonly factor: number }[],
  paths: PathTable,
  demandSrc: Int32Array,
  demandDst: Int32Array,
  out: Float64Array,
): void {
  out.fill(1);
  for (const { target, factor } of congestion) {
    for (let d = 0; d < out.length; d++) {
      if (concerns(net, target, paths, d, demandSrc[d]!, demandDst[d]!)) out[d]! *= factor;
    }
  }
}

function concerns(
  net: SimNetwork,
  t: FaultTarget,
  paths: PathTable,
  d: number,
  src: number,
  dst: number,
): boolean {
  if (t.kind === 'pair') return t.from === src && t.to === dst;
  if (t.kind === 'policy') return false;
  if (t.kind === 'node' && (src === t.node || dst === t.node)) return true;
  for (let p = paths.entryPathStart[d]!; p < paths.entryPathStart[d + 1]!; p++) {
    for (let h = paths.pathHopStart[p]!; h < paths.pathHopStart[p + 1]!; h++) {
      const a = paths.hops[h]!;
      if (t.kind === 'arcs' ? t.arcs.includes(a) : net.arcTo[a] === t.node) return true;
    }
  }
  return false;
}

/** The paths of entry `d` of a path table as arc ids, with their fractions. */
export function describePaths(
  net: SimNetwork,
  p: PathTable,
  d: number,
): { fraction: number; arcs: string[]; dropped: boolean }[] {
  const out = [];
  for (let i = p.entryPathStart[d]!; i < p.entryPathStart[d + 1]!; i++) {
    const arcs = Array.from(p.hops.subarray(p.pathHopStart[i], p.pathHopStart[i + 1]), (a) => net.arcIds[a]!);
    out.push({ fraction: p.pathFraction[i]!, arcs, dropped: p.pathDropped[i] === 1 });
  }
  return out;
}
