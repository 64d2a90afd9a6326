import { Inject, Injectable, Optional } from '@nestjs/common';
import { IN_SERVICE, routeTo, walkOf } from '../../core/intent';
import type { PlannedSegment } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore, StoredIntent } from '../../ports/intent-store.port';
import { EVENT_BUS } from '../../ports/event-bus.port';
import type { EventBus, IntentDriftEvent } from '../../ports/event-bus.port';
import { IntentRecords } from './intent-records';
import { IntentService, settle } from './intent.service';
import { NETWORK_MODEL } from './intent.tokens';
import type { NetworkModel } from './intent.tokens';
import { PolicyDeployer } from './policy-deployer';
import { POLICY_OWNERS } from './policy-owners';
import type { PolicyOwners } from './policy-owners';

export interface ReconcileOptions {
  /**
   * At start nothing is in flight, so interrupted deploys, updates and deletions are finished. A periodic
   * run (false) leaves intents another call is working on alone and only repairs drift and orphans.
   */
  readonly startup?: boolean;
}

/** Statuses whose plan the network should hold (or is being given): their policies are owned. */
const OWNING = new Set<string>([...IN_SERVICE, 'verified', 'deploying', 'deleting']);

export interface ReconcileReport {
  readonly redeployed: string[];
  readonly repaired: string[];
  readonly removed: string[];
  readonly failed: string[];
  readonly orphansRemoved: string[];
}

const ACTOR = 'reconciler';

/**
 * Run at start and then periodically (ADR 0032, 0126): finishes what a crash interrupted and makes the
 * network match the stored plans.
 * - verified/deploying: deploy the plan; an update (a previous plan is stored) that cannot be deployed goes
 *   back to the previous plan, so a crash at any point ends in exactly one of the two.
 * - deleting: finish the deletion, or failed.
 * - in service: compare each headend's policies with the plan and re-install missing or drifted ones; if the
 *   network refuses, the intent is degraded (still in service, reservations kept) and retried next run.
 * - policies that no intent owns are removed. Ownership is the intent's status (in service or in flight),
 *   never its reason text; `failed` intents own nothing. Policies another owner holds (POLICY_OWNERS: the
 *   assurance loop's probes) are left alone.
 * Every disagreement found is emitted as `intent.drift`.
 */
@Injectable()
export class IntentReconciler {
  constructor(
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    private readonly records: IntentRecords,
    private readonly deployer: PolicyDeployer,
    private readonly intents: IntentService,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Optional() @Inject(POLICY_OWNERS) private readonly owners?: PolicyOwners,
  ) {}

  async reconcile(options: ReconcileOptions = { startup: true }): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      redeployed: [],
      repaired: [],
      removed: [],
      failed: [],
      orphansRemoved: [],
    };
    const startup = options.startup ?? true;
    for (const listed of this.store.listIntents()) {
      const name = listed.spec.name;
      if (this.records.inFlight.has(name)) continue;
      const intent = this.store.getIntent(name);
      if (!intent) continue;
      const interrupted = intent.status === 'verified' || intent.status === 'deploying';
      if (!startup && (interrupted || intent.status === 'deleting')) continue;
      if (this.outdated(intent, report)) continue;
      if (interrupted) await this.redeploy(intent, report);
      else if (intent.status === 'deleting') await this.finishDelete(name, report);
      else if (IN_SERVICE.has(intent.status)) await this.repair(intent, report);
    }
    await this.removeOrphans(report);
    return report;
  }

  /**
   * A plan that no longer fits the topology (the topology file changed between runs) cannot be deployed or
   * kept: the intent fails with the reason and gives back its reservations; a retry re-plans it.
   */
  private outdated(intent: StoredIntent, report: ReconcileReport): boolean {
    const active =
      intent.status === 'verified' || intent.status === 'deploying' || IN_SERVICE.has(intent.status);
    if (!active) return false;
    for (const p of intent.plan?.policies ?? []) {
      for (const cp of p.candidatePaths) {
        const walk = walkOf(this.network.topology, cp, p.headend, p.endpoint);
        const problem = walk.ok ? this.foreignSid(cp.segments) : walk.problem;
        if (problem === undefined) continue;
        const reason = `plan no longer matches the topology (${p.name}: ${problem}); retry to re-plan`;
        this.records.setStatus(intent.spec.name, 'failed', ACTOR, 'reconcile-failed', {
          reason,
          reservations: [],
        });
        report.failed.push(intent.spec.name);
        return true;
      }
    }
    return false;
  }

  /** A segment whose SID the current addressing gives to another node, behaviour or link. */
  private foreignSid(segments: readonly PlannedSegment[]): string | undefined {
    for (const seg of segments) {
      const sid = this.network.sids.resolve(seg.sid);
      if (
        !sid ||
        sid.node !== seg.node ||
        sid.behavior !== seg.behavior ||
        (seg.link !== undefined && sid.link !== seg.link)
      ) {
        return `SID ${seg.sid} is no longer ${seg.behavior} of ${seg.node}`;
      }
    }
    return undefined;
  }

  private async redeploy(intent: StoredIntent, report: ReconcileReport): Promise<void> {
    const name = intent.spec.name;
    if (intent.status === 'verified') this.records.setStatus(name, 'deploying', ACTOR, 'deploy-start');
    const settled = await settle(this.deployer, this.records, intent, ACTOR);
    if (settled.status === 'failed') report.failed.push(name);
    else report.redeployed.push(name);
  }

  private async finishDelete(name: string, report: ReconcileReport): Promise<void> {
    try {
      await this.intents.delete(name, ACTOR, true);
      report.removed.push(name);
    } catch {
      report.failed.push(name);
    }
  }

  private async repair(intent: StoredIntent, report: ReconcileReport): Promise<void> {
    const name = intent.spec.name;
    const drifted = await this.deployer.drifted(intent.plan?.policies ?? []);
    if (drifted.length === 0) return;
    const installed = new Set((await this.deployer.installed()).map((c) => `${c.headend}/${c.name}`));
    const outcome = await this.deployer.deploy(drifted);
    for (const p of drifted) {
      const policy = `${p.headend}/${p.name}`;
      this.drift({
        intent: name,
        policy,
        kind: installed.has(policy) ? 'drifted' : 'missing',
        repaired: outcome.ok,
      });
    }
    const current = this.store.getIntent(name);
    if (!current || current.version !== intent.version) return; // changed meanwhile: the next run looks again
    if (outcome.ok) {
      this.store.transaction((tx) =>
        this.records.audit(tx, ACTOR, 'repair', name, {
          policies: drifted.map((p) => `${p.headend}/${p.name}`),
        }),
      );
      if (current.status === 'degraded') {
        for (const step of (routeTo('degraded', 'deployed') ?? []).slice(1))
          this.records.setStatus(name, step, ACTOR, 'repair');
      }
      report.repaired.push(name);
    } else {
      const reason = `the network does not hold the plan and refused the repair: ${outcome.reason}`;
      if (current.status === 'degraded') {
        this.store.transaction((tx) => this.records.audit(tx, ACTOR, 'repair-failed', name, { reason }));
      } else {
        this.records.setStatus(name, 'degraded', ACTOR, 'repair-failed', { reason });
      }
      report.failed.push(name);
    }
  }

  private async removeOrphans(report: ReconcileReport): Promise<void> {
    // the network first: a policy installed after this read belongs to an intent admitted before it
    const installed = await this.deployer.installed();
    const owned = new Set<string>();
    for (const i of this.store.listIntents()) {
      if (!OWNING.has(i.status) && !this.records.inFlight.has(i.spec.name)) continue;
      for (const p of [...(i.plan?.policies ?? []), ...(i.previous?.plan?.policies ?? [])])
        owned.add(`${p.headend}/${p.name}`);
    }
    const orphans = installed.filter((c) => {
      const id = `${c.headend}/${c.name}`;
      return !owned.has(id) && !(this.owners?.owns(id) ?? false);
    });
    if (orphans.length === 0) return;
    const removed = await this.deployer.remove(orphans);
    const left = new Set(removed.ok ? [] : (removed.residue ?? []));
    for (const c of orphans) {
      const policy = `${c.headend}/${c.name}`;
      this.drift({ policy, kind: 'orphan', repaired: !left.has(policy) });
      if (!left.has(policy)) report.orphansRemoved.push(policy);
    }
  }

  private drift(event: Omit<IntentDriftEvent, 'at'>): void {
    this.bus.emit('intent.drift', { ...event, at: this.records.now() });
  }
}
