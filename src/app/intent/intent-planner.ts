import { NE_DRIVER } from '../../ports/ne-driver.port';
import type { NeDriver } from '../../ports/ne-driver.port';
import { Inject, Injectable } from '@nestjs/common';
import { InfeasibleError, InvalidIntentError } from '../../core/errors';
import { CompilerRegistry, poolOf } from '../../core/intent';
import type { Explanation, PathEngineFactory, PlanVerifier, Verification } from '../../core/intent';
import type { ArcId } from '../../core/model/ids';
import type { IntentPlan, IntentSpec, SliceSpec } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStoreReader } from '../../ports/intent-store.port';
import { IntentLedger } from './intent-ledger';
import { NETWORK_MODEL, PATH_ENGINE_FACTORY, PLAN_VERIFIER } from './intent.tokens';
import type { NetworkModel } from './intent.tokens';

export interface PlannedIntent {
  /** The spec as compiled: the slice's SLO defaults filled in. */
  readonly spec: IntentSpec;
  readonly plan: IntentPlan;
  readonly explain: Explanation;
  readonly verification: Verification;
}

/** Compile → verify, against the current ledger. Pure computation: nothing is stored or deployed. */
@Injectable()
export class IntentPlanner {
  private readonly compilers = new CompilerRegistry();

  constructor(
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
    @Inject(INTENT_STORE) private readonly store: IntentStoreReader,
    @Inject(PATH_ENGINE_FACTORY) private readonly engine: PathEngineFactory,
    @Inject(PLAN_VERIFIER) private readonly verifier: PlanVerifier,
    private readonly ledgerState: IntentLedger,
    @Inject(NE_DRIVER) private readonly driver: Pick<NeDriver, 'configurable' | 'protocol'>,
  ) {}

  plan(submitted: IntentSpec): PlannedIntent {
    this.checkHeadends(submitted);
    const slice = this.sliceOf(submitted);
    const spec = withSliceDefaults(submitted, slice);
    const pool = poolOf(slice);
    const { ledger } = this.ledgerState;
    const own = new Map<ArcId, number>();
    for (const r of ledger.reservationsOf(spec.name))
      if (r.pool === pool) own.set(r.arc, (own.get(r.arc) ?? 0) + r.mbps);
    const { plan, explain } = this.compilers.compile({
      spec,
      topology: this.network.topology,
      sids: this.network.sids,
      ...(slice && { slice }),
      pool,
      freeMbps: (arc) => ledger.free(arc, pool) + (own.get(arc) ?? 0),
      engine: this.engine,
    });
    const verification = this.verifier.verify(plan, spec, this.network.topology, ledger);
    if (!verification.ok) {
      const failed = verification.checks.filter((c) => !c.ok);
      throw new InfeasibleError(
        `intent '${spec.name}': the plan failed verification: ${failed.map((c) => `${c.check}: ${c.detail}`).join('; ')}`,
        failed.map((c) => ({
          constraint: c.check,
          detail: c.detail,
          ...(c.elements && { elements: c.elements }),
        })),
      );
    }
    return { spec, plan, explain, verification };
  }

  /** Both endpoints head a policy (one per direction): each must accept SR policy configuration. */
  private checkHeadends(spec: IntentSpec): void {
    const readOnly = [spec.endpoints.a, spec.endpoints.b].filter(
      (ne) => this.network.topology.hasNode(ne) && this.driver.configurable?.(ne) === false,
    );
    if (readOnly.length === 0) return;
    throw new InfeasibleError(
      `intent '${spec.name}': ${readOnly.join(' and ')} cannot head an SR policy: managed read-only (SNMP)`,
      readOnly.map((ne) => ({
        constraint: 'headend',
        detail: `${ne} is reachable only over a read-only management protocol, so it cannot hold an SR policy`,
        elements: [ne],
      })),
    );
  }

  private sliceOf(spec: IntentSpec): SliceSpec | undefined {
    if (spec.slice === undefined) return undefined;
    const slice = this.store.getSlice(spec.slice);
    if (!slice) {
      throw new InvalidIntentError(`intent '${spec.name}': unknown slice '${spec.slice}'`, {
        element: spec.slice,
        path: 'slice',
      });
    }
    return slice;
  }
}

/** Objectives the intent leaves open take the slice's defaults (bandwidth is always the intent's own). */
function withSliceDefaults(spec: IntentSpec, slice: SliceSpec | undefined): IntentSpec {
  const d = slice?.sloDefaults;
  if (!d) return spec;
  const slo = { ...spec.slo };
  if (slo.maxDelayUs === undefined && d.maxDelayUs !== undefined)
    Object.assign(slo, { maxDelayUs: d.maxDelayUs });
  if (slo.maxLossPct === undefined && d.maxLossPct !== undefined)
    Object.assign(slo, { maxLossPct: d.maxLossPct });
  if (slo.availability === undefined && d.availability !== undefined)
    Object.assign(slo, { availability: d.availability });
  return { ...spec, slo };
}
