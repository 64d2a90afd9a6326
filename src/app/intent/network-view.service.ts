import { Inject, Injectable } from '@nestjs/common';
import type { IntentStatus, PlannedPolicy } from '../../core/model/intent';
import { SHARED_POOL } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore } from '../../ports/intent-store.port';
import { IntentLedger } from './intent-ledger';
import { NETWORK_MODEL } from './intent.tokens';
import type { NetworkModel } from './intent.tokens';

export interface PoolUsage {
  readonly pool: string;
  readonly capacityMbps: number;
  readonly reservedMbps: number;
  readonly freeMbps: number;
}

export interface DirectionView {
  readonly arc: string;
  readonly from: string;
  readonly to: string;
  readonly capacityMbps: number;
  readonly delayUs: number;
  readonly igpMetric: number;
  readonly teMetric: number;
  readonly reservedMbps: number;
  readonly freeMbps: number;
  readonly pools: readonly PoolUsage[];
}

export interface PolicyView extends PlannedPolicy {
  readonly intent: string;
  readonly status: IntentStatus;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Read models for the API: the topology with per-direction and per-pool bandwidth, and the planned policies. */
@Injectable()
export class NetworkViewService {
  constructor(
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    private readonly ledgerState: IntentLedger,
  ) {}

  topology() {
    const { topology } = this.network;
    const pools = [
      SHARED_POOL,
      ...this.store
        .listSlices()
        .flatMap((s) => (s.isolation === 'shared' || s.bandwidthShare === undefined ? [] : [s.name])),
    ];
    return {
      name: topology.name,
      nodes: [...topology.nodes()].map((n) => ({
        id: n.id,
        name: n.name,
        role: n.role,
        ...(n.site && { site: n.site }),
        ...(n.geo && { geo: n.geo }),
        sid: this.network.sids.endSid(n.id).sid,
      })),
      links: [...topology.links()].map((l) => ({
        id: l.id,
        a: l.a,
        b: l.b,
        srlgs: l.srlgs,
        affinities: l.affinities,
        directions: l.arcs.map((arc) => this.direction(arc.id, pools)),
      })),
    };
  }

  policies(): PolicyView[] {
    return this.store
      .listIntents()
      .sort((a, b) => a.spec.name.localeCompare(b.spec.name))
      .flatMap((i) => (i.plan?.policies ?? []).map((p) => ({ intent: i.spec.name, status: i.status, ...p })));
  }

  private direction(arcId: string, pools: readonly string[]): DirectionView {
    const arc = this.network.topology.arc(arcId);
    const { ledger } = this.ledgerState;
    const reserved = ledger.reserved(arc.id);
    return {
      arc: arc.id,
      from: arc.from,
      to: arc.to,
      capacityMbps: arc.capacityMbps,
      delayUs: arc.delayUs,
      igpMetric: arc.igpMetric,
      teMetric: arc.teMetric,
      reservedMbps: r3(reserved),
      freeMbps: r3(Math.max(0, arc.capacityMbps - reserved)),
      pools: pools.map((pool) => ({
        pool,
        capacityMbps: r3(ledger.poolCapacity(arc.id, pool)),
        reservedMbps: r3(ledger.reserved(arc.id, pool)),
        freeMbps: r3(ledger.free(arc.id, pool)),
      })),
    };
  }
}
