import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, DeployFailedError, InfeasibleError } from '../../core/errors';
import { IN_SERVICE, transition } from '../../core/intent';
import type { IntentSpec, IntentStatus, Reservation } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore, StoredIntent } from '../../ports/intent-store.port';
import { IntentLedger } from './intent-ledger';
import { IntentPlanner } from './intent-planner';
import type { PlannedIntent, PrePlan } from './intent-planner';
import { IntentRecords } from './intent-records';
import { PolicyDeployer } from './policy-deployer';

export interface DryRunResult extends PlannedIntent {
  readonly status: 'verified';
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : x,
  );

/**
 * The intent service (ADR 0032): plan (compile + verify) → admit (one transaction: ledger re-check, intent,
 * reservations, audit) → deploy (all or nothing) → status. Planning and admission run without an await in
 * between, so concurrent requests are admitted one after another against an up-to-date ledger.
 */
@Injectable()
export class IntentService {
  constructor(
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    private readonly planner: IntentPlanner,
    private readonly records: IntentRecords,
    private readonly deployer: PolicyDeployer,
    private readonly ledgerState: IntentLedger,
  ) {}

  dryRun(spec: IntentSpec): DryRunResult {
    return { ...this.planner.plan(spec), status: 'verified' };
  }

  /** The dry run with its path search on the compute pool (issue 10): the event loop stays free meanwhile. */
  async dryRunOffLoop(spec: IntentSpec): Promise<DryRunResult> {
    const pre = await this.planner.prePlan(spec);
    return { ...this.planner.plan(spec, pre), status: 'verified' };
  }

  get(name: string): StoredIntent {
    return this.records.get(name);
  }

  exists(name: string): boolean {
    return this.store.getIntent(name) !== undefined;
  }

  list(): StoredIntent[] {
    return this.store.listIntents().sort((a, b) => a.spec.name.localeCompare(b.spec.name));
  }

  /** Path search on the compute pool first (issue 10), then the synchronous check → plan → admit. */
  async create(spec: IntentSpec, actor = 'api'): Promise<StoredIntent> {
    this.refuseExisting(spec.name);
    const pre = await this.planner.prePlan(spec);
    return this.createPlanned(spec, actor, pre);
  }

  /** Idempotent create-or-update; an unchanged in-service intent is left alone. */
  async put(spec: IntentSpec, actor = 'api'): Promise<{ intent: StoredIntent; created: boolean }> {
    const pre = this.unchanged(spec) ? undefined : await this.planner.prePlan(spec);
    const existing = this.store.getIntent(spec.name);
    if (!existing) return { intent: await this.createPlanned(spec, actor, pre), created: true };
    if (this.unchanged(spec)) return { intent: existing, created: false };
    return { intent: await this.update(spec, existing, actor, 'update', pre), created: false };
  }

  async retry(name: string, actor = 'api'): Promise<StoredIntent> {
    const before = this.records.get(name);
    const pre = before.status === 'failed' ? await this.planner.prePlan(before.spec) : undefined;
    const existing = this.records.get(name);
    if (existing.status !== 'failed') {
      throw new ConflictError(
        `intent service: intent '${name}' is '${existing.status}', only failed intents are retried`,
        {
          element: name,
        },
      );
    }
    return this.update(existing.spec, existing, actor, 'retry', pre);
  }

  /**
   * Re-plan an in-service intent under today's path constraints (the assurance loop's reroute, with suspect
   * links excluded by the path engine) and deploy make-before-break; a failed re-plan keeps the old plan.
   */
  async replan(name: string, actor: string, action = 'replan'): Promise<StoredIntent> {
    // a repair is not dropped because the pool is busy: a refused pre-plan is compiled here instead
    const pre = await this.planner.prePlan(this.records.get(name).spec, true);
    const existing = this.records.get(name);
    return this.update(existing.spec, existing, actor, action, pre);
  }

  /**
   * Removes the intent's policies, then the intent and its reservations. If the network refuses, the intent
   * is `failed` (which always means: nothing reserved, nothing owned; the reconciler removes leftovers).
   */
  async delete(name: string, actor = 'api', resume = false): Promise<void> {
    const existing = this.records.get(name);
    if (!(resume && existing.status === 'deleting')) {
      if (existing.status === 'deploying' || existing.status === 'deleting') {
        throw new ConflictError(
          `intent service: intent '${name}' is '${existing.status}'; try again when it settles`,
          {
            element: name,
          },
        );
      }
      this.records.setStatus(name, 'deleting', actor, 'delete-start');
    }
    this.records.inFlight.add(name);
    try {
      const removed = await this.deployer.remove(existing.plan?.policies ?? []);
      if (!removed.ok) {
        this.records.setStatus(name, 'failed', actor, 'delete-failed', {
          reason: removed.reason,
          reservations: [],
        });
        throw new DeployFailedError(`intent '${name}': ${removed.reason}`, { element: name });
      }
      this.records.remove(name, actor);
    } finally {
      this.records.inFlight.delete(name);
    }
  }

  /** Re-plan an existing intent and deploy make-before-break; a failed update keeps the old plan in service. */
  private async update(
    spec: IntentSpec,
    existing: StoredIntent,
    actor: string,
    action: string,
    pre?: PrePlan,
  ): Promise<StoredIntent> {
    const admitted = this.admit(spec, existing, actor, action, pre);
    return this.deploy(admitted, actor);
  }

  private createPlanned(spec: IntentSpec, actor: string, pre: PrePlan | undefined): Promise<StoredIntent> {
    this.refuseExisting(spec.name);
    const admitted = this.admit(spec, undefined, actor, 'create', pre);
    return this.deploy(admitted, actor);
  }

  private refuseExisting(name: string): void {
    if (!this.store.getIntent(name)) return;
    throw new ConflictError(`intent service: intent '${name}' exists (use PUT to change it)`, {
      element: name,
    });
  }

  /** In service with exactly this spec: a PUT of it changes nothing. */
  private unchanged(spec: IntentSpec): boolean {
    const existing = this.store.getIntent(spec.name);
    return (
      existing !== undefined &&
      IN_SERVICE.has(existing.status) &&
      canonical(existing.spec) === canonical(spec)
    );
  }

  /**
   * Plan, then in ONE transaction: re-check the ledger, write intent + reservations + audit. Leaves the intent
   * 'verified' (not deployed); public for the benchmark, which measures compile + admit alone.
   */
  admit(
    spec: IntentSpec,
    existing: StoredIntent | undefined,
    actor: string,
    action: string,
    pre?: PrePlan,
  ): StoredIntent {
    if (existing) transition(existing.status, 'accepted', spec.name);
    const planned = this.planner.plan(spec, pre);
    const { ledger } = this.ledgerState;
    const hold = union(spec.name, ledger.reservationsOf(spec.name), planned.plan.reservations);
    const record = this.store.transaction((tx) => {
      const current = tx.getIntent(spec.name);
      if ((current?.version ?? 0) !== (existing?.version ?? 0)) {
        throw new ConflictError(`intent service: intent '${spec.name}' changed concurrently; retry`, {
          element: spec.name,
        });
      }
      const admission = ledger.admit(hold, spec.name);
      if (!admission.ok) {
        const detail = `arc ${admission.arc} pool '${admission.pool}': ${round(admission.requestedMbps)} Mbit/s needed, ${round(admission.freeMbps)} free`;
        throw new InfeasibleError(`intent '${spec.name}': admission refused: ${detail}`, [
          { constraint: 'bandwidth', detail, elements: [admission.arc] },
        ]);
      }
      const at = this.records.now();
      const next: StoredIntent = {
        spec,
        status: 'verified',
        plan: planned.plan,
        explain: { ...planned.explain, verification: planned.verification },
        // an in-service plan stays durable beside the new one until the new one is in the network
        ...(existing && IN_SERVICE.has(existing.status)
          ? {
              previous: {
                spec: existing.spec,
                status: existing.status,
                ...(existing.plan && { plan: existing.plan }),
                ...(existing.explain !== undefined && { explain: existing.explain }),
              },
            }
          : {}),
        version: (current?.version ?? 0) + 1,
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
      };
      tx.putIntent(next);
      tx.replaceReservations(spec.name, hold);
      this.records.audit(tx, actor, action, spec.name, { status: 'verified', reservations: hold.length });
      return next;
    });
    ledger.replace(spec.name, hold);
    const path: IntentStatus[] = ['accepted', 'compiled', 'verified'];
    path.forEach((s, i) => this.records.emit(record, i === 0 ? existing?.status : path[i - 1], s));
    return record;
  }

  private async deploy(admitted: StoredIntent, actor: string): Promise<StoredIntent> {
    const name = admitted.spec.name;
    this.records.inFlight.add(name);
    try {
      this.records.setStatus(name, 'deploying', actor, 'deploy-start');
      const settled = await settle(this.deployer, this.records, admitted, actor);
      if (settled.status === 'failed' || settled.reason === undefined) return settled;
      throw new DeployFailedError(`intent '${name}': ${settled.reason}`, { element: name });
    } finally {
      this.records.inFlight.delete(name);
    }
  }
}

/**
 * Deploys an admitted ('deploying') intent and records the one outcome (shared with the reconciler):
 * - the new plan is in the network → deployed with its reservations; the previous plan is dropped;
 * - it is not, and there is a previous plan → the network was put back to it (or the residue is left to
 *   the reconciler) and the store goes back to it too: deployed, previous reservations, reason set;
 * - it is not, and there is none → failed, reservations released.
 */
export async function settle(
  deployer: PolicyDeployer,
  records: IntentRecords,
  admitted: StoredIntent,
  actor: string,
): Promise<StoredIntent> {
  const name = admitted.spec.name;
  const previous = admitted.previous;
  const outcome = await deployer.deploy(admitted.plan?.policies ?? [], previous?.plan?.policies ?? []);
  if (outcome.ok) {
    return records.setStatus(name, 'deployed', actor, 'deploy', {
      reservations: admitted.plan?.reservations ?? [],
    });
  }
  const residue = outcome.consistent ? '' : ` (left for the reconciler: ${outcome.residue?.join(', ')})`;
  if (previous) {
    return records.setStatus(name, 'deployed', actor, 'update-failed', {
      reason: `update not applied, previous plan kept: ${outcome.reason}${residue}`,
      reservations: previous.plan?.reservations ?? [],
      record: {
        spec: previous.spec,
        ...(previous.plan && { plan: previous.plan }),
        ...(previous.explain !== undefined && { explain: previous.explain }),
      },
    });
  }
  return records.setStatus(name, 'failed', actor, 'deploy-failed', {
    reason: `${outcome.reason}${residue}`,
    reservations: [],
  });
}

/** Per arc and pool, the larger of two reservation sets (make-before-break holds both plans at once). */
function union(intent: string, a: readonly Reservation[], b: readonly Reservation[]): Reservation[] {
  const byKey = new Map<string, Reservation>();
  for (const r of [...a, ...b]) {
    const key = `${r.arc}\u0000${r.pool}`;
    const prev = byKey.get(key);
    if (!prev || prev.mbps < r.mbps) byKey.set(key, { ...r, intent });
  }
  return [...byKey.values()];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
