import type { SrPolicyJson } from '../sim-source';
import type { SimSidTable } from './sim-sid.table';
import type { SimNetwork } from './sim-network';
import type { FaultSpec } from './fault-request';
import type { SrPolicyStore } from './sr-policy.store';

export interface DriftRecord {
  readonly headend: number;
  readonly original: SrPolicyJson;
  readonly drifted: SrPolicyJson;
}

/**
 * Configuration drift: changes an installed policy behind the controller's back by replacing the first SID
 * of its most preferred candidate path's first segment list — with `sid` when given, otherwise with the End
 * SID of the headend's first neighbour (arc-id order) that differs from it. Returns what to restore later.
 */
export function applyDrift(
  net: SimNetwork,
  sids: SimSidTable,
  store: SrPolicyStore,
  headend: number,
  name: string,
  sid: string | undefined,
): DriftRecord | undefined {
  const installed = store.get(headend, name);
  if (!installed) return undefined;
  const original = installed.json;
  const cps = [...original['candidate-path']].sort((a, b) => b.preference - a.preference);
  const first = cps[0]?.['segment-list'][0]?.segment.slice().sort((a, b) => a.index - b.index)[0];
  if (!first) return undefined;
  const replacement = sid ?? neighbourSid(net, sids, headend, first.sid);
  if (replacement === undefined) return undefined;
  const drifted: SrPolicyJson = {
    ...original,
    'candidate-path': original['candidate-path'].map((cp) =>
      cp !== cps[0]
        ? cp
        : {
            ...cp,
            'segment-list': cp['segment-list'].map((sl, i) =>
              i !== 0
                ? sl
                : { ...sl, segment: sl.segment.map((s) => (s === first ? { ...s, sid: replacement } : s)) },
            ),
          },
    ),
  };
  const r = store.set(net.nodeIds[headend]!, [drifted]);
  return r.ok ? { headend, original, drifted } : undefined;
}

/** Puts the original back unless someone (the controller) has replaced the drifted policy meanwhile. */
export function restoreDrift(net: SimNetwork, store: SrPolicyStore, rec: DriftRecord): void {
  const cur = store.get(rec.headend, rec.original.name);
  if (cur?.json === rec.drifted) store.set(net.nodeIds[rec.headend]!, [rec.original]);
}

function neighbourSid(
  net: SimNetwork,
  sids: SimSidTable,
  headend: number,
  current: string,
): string | undefined {
  for (let i = net.outStart[headend]!; i < net.outStart[headend + 1]!; i++) {
    const s = sids.endSid(net.nodeIds[net.arcTo[net.outArcs[i]!]!]!).sid;
    if (s !== current) return s;
  }
  return undefined;
}

/** The drift faults acting now and what each must restore. */
export class DriftTracker {
  private readonly active = new Map<string, DriftRecord>();

  constructor(
    private readonly net: SimNetwork,
    private readonly sids: SimSidTable,
    private readonly store: SrPolicyStore,
  ) {}

  start(faultId: string, spec: FaultSpec): void {
    const r = spec.resolved;
    if (r.kind !== 'policy') return;
    const sid = spec.params['sid'];
    const rec = applyDrift(
      this.net,
      this.sids,
      this.store,
      r.headend,
      r.policy,
      typeof sid === 'string' ? sid : undefined,
    );
    if (rec) this.active.set(faultId, rec);
  }

  end(faultId: string): void {
    const rec = this.active.get(faultId);
    if (!rec) return;
    this.active.delete(faultId);
    restoreDrift(this.net, this.store, rec);
  }

  /** Whether the installed policy is (still) the one a drift fault put there. */
  isDrifted(headend: string, name: string): boolean {
    const v = this.net.nodeIndex(headend);
    const cur = v === undefined ? undefined : this.store.get(v, name);
    return [...this.active.values()].some((d) => d.headend === v && cur?.json === d.drifted);
  }
}
