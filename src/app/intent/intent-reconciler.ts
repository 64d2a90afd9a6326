import { Inject, Injectable } from '@nestjs/common';
import { IN_SERVICE, walkOf } from '../../core/intent';
import type { PlannedSegment } from '../../core/model/intent';
import { INTENT_STORE } from '../../ports/intent-store.port';
import type { IntentStore, StoredIntent } from '../../ports/intent-store.port';
import { IntentRecords } from './intent-records';
import { IntentService } from './intent.service';
import { NETWORK_MODEL } from './intent.tokens';
import type { NetworkModel } from './intent.tokens';
import { PolicyDeployer } from './policy-deployer';

export interface ReconcileReport {
  readonly redeployed: string[];
  readonly repaired: string[];
  readonly removed: string[];
  readonly failed: string[];
  readonly orphansRemoved: string[];
}

const ACTOR = 'reconciler';

/**
 * Run at start (ADR 0032): finishes what a crash interrupted and makes the network match the stored plans.
 * - verified/deploying: redeploy the plan → deployed, or failed with the reason (rolled back).
 * - deleting: finish the deletion, or failed.
 * - in service: compare each headend's policies with the plan and re-install missing or drifted ones.
 * - policies on the network that no stored in-service plan owns are removed.
 */
@Injectable()
export class IntentReconciler {
  constructor(
    @Inject(NETWORK_MODEL) private readonly network: NetworkModel,
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    private readonly records: IntentRecords,
    private readonly deployer: PolicyDeployer,
    private readonly intents: IntentService,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      redeployed: [],
      repaired: [],
      removed: [],
      failed: [],
      orphansRemoved: [],
    };
    for (const intent of this.store.listIntents()) {
      const name = intent.spec.name;
      if (this.outdated(intent, report)) continue;
      if (intent.status === 'verified' || intent.status === 'deploying') await this.redeploy(intent, report);
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
    const outcome = await this.deployer.deploy(intent.plan?.policies ?? []);
    if (outcome.ok) {
      this.records.setStatus(name, 'deployed', ACTOR, 'deploy', {
        reservations: intent.plan?.reservations ?? [],
      });
      report.redeployed.push(name);
    } else {
      this.records.setStatus(name, 'failed', ACTOR, 'deploy-failed', {
        reason: outcome.reason,
        reservations: [],
      });
      report.failed.push(name);
    }
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
    const outcome = await this.deployer.deploy(drifted);
    if (outcome.ok) {
      this.store.transaction((tx) =>
        this.records.audit(tx, ACTOR, 'repair', name, {
          policies: drifted.map((p) => `${p.headend}/${p.name}`),
        }),
      );
      report.repaired.push(name);
    } else {
      this.records.setStatus(name, 'failed', ACTOR, 'repair-failed', { reason: outcome.reason });
      report.failed.push(name);
    }
  }

  private async removeOrphans(report: ReconcileReport): Promise<void> {
    const owned = new Set<string>();
    for (const i of this.store.listIntents()) {
      if (i.status === 'failed' && i.reason?.startsWith('deploy failed')) continue;
      for (const p of i.plan?.policies ?? []) owned.add(`${p.headend}/${p.name}`);
    }
    const orphans = (await this.deployer.installed()).filter((c) => !owned.has(`${c.headend}/${c.name}`));
    if (orphans.length === 0) return;
    const removed = await this.deployer.remove(orphans);
    if (removed.ok) report.orphansRemoved.push(...orphans.map((c) => `${c.headend}/${c.name}`));
  }
}
