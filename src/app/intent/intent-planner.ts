import { NE_DRIVER } from '../../ports/ne-driver.port';
import type { NeDriver } from '../../ports/ne-driver.port';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InfeasibleError, InvalidIntentError } from '../../core/errors';
import { CompilerRegistry, poolOf } from '../../core/intent';
import type {
  CompiledIntent,
  Explanation,
  PathEngineFactory,
  PlanVerifier,
  Verification,
} from '../../core/intent';
import type { ArcId } from '../../core/model/ids';
import type { IntentPlan, IntentSpec, SliceSpec } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStoreReader } from '../../ports/intent-store.port';
import { ComputeRefusal, ComputeService } from '../compute';
import type { PooledCompile } from '../compute';
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

/** An intent compiled on the compute pool, to be used at admission only if what it read is unchanged. */
export interface PrePlan {
  readonly submitted: IntentSpec;
  readonly slice: string | undefined;
  readonly pooled: PooledCompile;
  /** Compile here also when the pool stopped the compilation over its budget (instead of answering 422). */
  readonly inlineOnRefusal: boolean;
}

interface PlanInputs {
  readonly spec: IntentSpec;
  readonly slice: SliceSpec | undefined;
  readonly pool: string;
  readonly freeMbps: (arc: ArcId) => number;
}

/**
 * Compile → verify, against the current ledger. Pure computation: nothing is stored or deployed. With a
 * compute pool, the compilation (the path search) can run there first (`prePlan`, off the event loop);
 * `plan(spec, pre)` then uses it only if the ledger, the slice and the avoided elements are exactly as the
 * worker saw them, and compiles again here otherwise, so admission decides as if planned at that moment.
 */
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
    @Optional() private readonly compute?: ComputeService,
  ) {}

  plan(submitted: IntentSpec, pre?: PrePlan): PlannedIntent {
    const { spec, slice, pool, freeMbps } = this.inputs(submitted);
    const reuse =
      pre !== undefined &&
      (pre.submitted === submitted || JSON.stringify(pre.submitted) === JSON.stringify(submitted)) &&
      pre.slice === JSON.stringify(slice) &&
      this.compute?.unchanged(pre.pooled, freeMbps) === true;
    const outcome = reuse ? pre.pooled.outcome : undefined;
    if (outcome?.ok) return this.verified(spec, outcome.compiled);
    if (outcome && !this.compileHere(outcome.error, pre!.inlineOnRefusal)) throw outcome.error;
    const compiled = this.compilers.compile({
      spec,
      topology: this.network.topology,
      sids: this.network.sids,
      ...(slice && { slice }),
      pool,
      freeMbps,
      engine: this.engine,
    });
    return this.verified(spec, compiled);
  }

  /**
   * Compiles on the compute pool (undefined without one). Never rejects: what the compilation threw, a
   * refusal of the pool included, is thrown by `plan(spec, pre)` at admission if nothing changed meanwhile.
   */
  async prePlan(submitted: IntentSpec, inlineOnRefusal = false): Promise<PrePlan | undefined> {
    if (!this.compute) return undefined;
    let inputs: PlanInputs;
    try {
      inputs = this.inputs(submitted);
    } catch {
      return undefined; // plan() raises the same refusal in its place
    }
    const { spec, slice, pool, freeMbps } = inputs;
    const pooled = await this.compute.compile({ spec, ...(slice && { slice }), pool, freeMbps });
    return { submitted, slice: JSON.stringify(slice), pooled, inlineOnRefusal };
  }

  /**
   * Admission never answers "busy": a pool without room means compiling here, as before issue 10 (a burst of
   * creates is admitted one by one, none refused for capacity). An overrun is the intent's answer (422),
   * unless the caller must not be refused (the assurance loop's repair).
   */
  private compileHere(error: unknown, inlineOnRefusal: boolean): boolean {
    if (!(error instanceof ComputeRefusal)) return false;
    return error.getStatus() === 503 || inlineOnRefusal;
  }

  /** Headends and slice checked, slice defaults filled in; bandwidth it may take: free plus its own. */
  private inputs(submitted: IntentSpec): PlanInputs {
    this.checkHeadends(submitted);
    const slice = this.sliceOf(submitted);
    const spec = withSliceDefaults(submitted, slice);
    const pool = poolOf(slice);
    const { ledger } = this.ledgerState;
    const own = new Map<ArcId, number>();
    for (const r of ledger.reservationsOf(spec.name))
      if (r.pool === pool) own.set(r.arc, (own.get(r.arc) ?? 0) + r.mbps);
    return { spec, slice, pool, freeMbps: (arc) => ledger.free(arc, pool) + (own.get(arc) ?? 0) };
  }

  private verified(spec: IntentSpec, { plan, explain }: CompiledIntent): PlannedIntent {
    const { ledger } = this.ledgerState;
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
