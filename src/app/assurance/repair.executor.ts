import { IN_SERVICE } from '../../core/intent';
import type { NodeId } from '../../core/model/ids';
import type { IntentStoreReader, StoredIntent } from '../../ports/intent-store.port';
import type { NeDriver } from '../../ports/ne-driver.port';
import type { IntentRecords, IntentService, PolicyDeployer } from '../intent';
import type { AvoidanceRegistry } from './avoidance.registry';

export interface RepairOutcome {
  readonly ok: boolean;
  readonly detail: string;
  /** Intents whose plan changed (their previous records, for rollback). */
  readonly previous: readonly StoredIntent[];
  /** Intents the repair tried and could not move, and why (a reroute's refusals). */
  readonly notMoved?: readonly { readonly name: string; readonly why: string }[];
}

const ACTOR = 'assurance';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Applies repair proposals through the intent service and the deployer (never the driver directly, except
 * to read): reroute around a whole suspect class, re-push a drifted plan, resync a silent NE, and roll a
 * reroute back to the previous plans when verification fails.
 */
export class RepairExecutor {
  constructor(
    private readonly store: IntentStoreReader,
    private readonly intents: IntentService,
    private readonly records: IntentRecords,
    private readonly deployer: PolicyDeployer,
    private readonly driver: NeDriver,
    private readonly avoidance: AvoidanceRegistry,
  ) {}

  /**
   * Re-plans the intents make-before-break with the suspect links and nodes excluded. `prefer` names links
   * to keep off too when a way around them exists (down, discarding or erroring now: a congestion's surge
   * overloads the links next to the suspect as well); refused with them, the plan avoids the suspects only.
   */
  async reroute(
    incident: string,
    names: readonly string[],
    avoid: { links: readonly string[]; nodes: readonly string[]; prefer?: readonly string[] },
  ): Promise<RepairOutcome> {
    const prefer = (avoid.prefer ?? []).filter((l) => !avoid.links.includes(l));
    this.avoidance.hold(incident, avoid.links, avoid.nodes);
    const previous: StoredIntent[] = [];
    const problems: string[] = [];
    const notMoved: { name: string; why: string }[] = [];
    const fallbacks: string[] = [];
    for (const name of names) {
      const before = this.store.getIntent(name);
      if (!before || !IN_SERVICE.has(before.status)) continue;
      this.live(name, 'repairing', `repair ${incident}`);
      if (prefer.length > 0) {
        this.avoidance.hold(incident, [...avoid.links, ...prefer], avoid.nodes);
        const clear = await this.replan(name, incident, {});
        this.avoidance.hold(incident, avoid.links, avoid.nodes);
        if (clear === true) {
          previous.push(before);
          continue;
        }
      }
      const strict = await this.replan(name, incident, {});
      if (strict === true) {
        previous.push(before);
        continue;
      }
      // Better than doing nothing, in this order: no disjoint pair around the suspects → a pair sharing
      // the fewest elements; every way around busy → above the twin's utilisation ceiling but below capacity
      const protectedIntent = before.spec.sle.protection !== 'none';
      const tiers = [
        ...(protectedIntent ? [{ partial: true }] : []),
        { ceiling: true },
        ...(protectedIntent ? [{ partial: true, ceiling: true }] : []),
      ];
      let done = false;
      let last = '';
      for (const tier of tiers) {
        const tried = await this.replan(name, incident, tier);
        if (tried !== true) {
          last = tried;
          continue;
        }
        previous.push(before);
        const how = [
          tier.partial && `partially disjoint pair (${this.shared(name) || 'shares elements'})`,
          'ceiling' in tier && 'above the utilisation ceiling, below capacity',
        ].filter(Boolean);
        fallbacks.push(`${name}: ${how.join(', ')}; the better plan was refused: ${strict}`);
        done = true;
        break;
      }
      if (done) continue;
      const why = `${strict}${last && last !== strict ? `; fallbacks refused too: ${last}` : ''}`;
      problems.push(`${name}: ${why}`);
      notMoved.push({ name, why });
      this.live(name, 'degraded', `repair ${incident} failed`);
    }
    const moved = previous.map((p) => p.spec.name);
    return {
      ok: problems.length === 0,
      detail:
        `avoiding ${[...avoid.links, ...avoid.nodes].join(', ') || 'nothing'}; moved ${moved.join(', ') || 'none'}` +
        (fallbacks.length > 0 ? `; fallback for ${fallbacks.join('; ')}` : '') +
        (problems.length > 0 ? `; not moved: ${problems.join('; ')}` : ''),
      previous,
      notMoved,
    };
  }

  /** Re-plans one intent (optionally with a fallback tier relaxed): true, or why not. */
  private async replan(
    name: string,
    incident: string,
    tier: { partial?: boolean; ceiling?: boolean },
  ): Promise<true | string> {
    this.avoidance.partialDisjoint = tier.partial === true;
    this.avoidance.overCeiling = tier.ceiling === true;
    const how = [tier.partial && 'partial', tier.ceiling && 'over-ceiling'].filter(Boolean).join('+');
    try {
      const after = await this.intents.replan(name, ACTOR, `repair:${incident}${how && `:${how}`}`);
      return after.status === 'deployed' ? true : (after.reason ?? after.status);
    } catch (err) {
      return message(err);
    } finally {
      this.avoidance.partialDisjoint = false;
      this.avoidance.overCeiling = false;
    }
  }

  /** What a partially disjoint plan's pair shares, from its explanation. */
  private shared(name: string): string {
    const text = JSON.stringify(this.store.getIntent(name)?.explain ?? {});
    const m = /no fully [a-z]+-disjoint pair exists; this pair shares ([^"]+)/.exec(text);
    return m ? `shares ${m[1]}` : '';
  }

  /** Re-installs the stored plan of each drifted intent exactly as planned. */
  async repush(names: readonly string[]): Promise<RepairOutcome> {
    const problems: string[] = [];
    for (const name of names) {
      const intent = this.store.getIntent(name);
      if (!intent?.plan) continue;
      const outcome = await this.deployer.deploy(intent.plan.policies, []);
      if (!outcome.ok) problems.push(`${name}: ${outcome.reason}`);
    }
    return {
      ok: problems.length === 0,
      detail: problems.length === 0 ? `re-pushed ${names.join(', ')}` : problems.join('; '),
      previous: [],
    };
  }

  /** A silent NE is not a dead link: read back what it holds instead of rerouting anything. */
  async resync(nes: readonly string[]): Promise<RepairOutcome> {
    const results = await this.driver
      .getPolicies(nes as NodeId[])
      .catch((err: unknown) => [
        { resource: nes.join(','), ok: false as const, error: { code: 'DRIVER', message: message(err) } },
      ]);
    const bad = results.filter((r) => !r.ok);
    return {
      ok: bad.length === 0,
      detail:
        bad.length === 0
          ? `resynced ${nes.join(', ')}: configuration read back`
          : `resync failed: ${bad.map((r) => (r.ok ? '' : `${r.resource}: ${r.error.message}`)).join('; ')}`,
      previous: [],
    };
  }

  /** Puts each intent's previous plan back in the network and the store, and lifts the incident's exclusions. */
  async rollback(incident: string, previous: readonly StoredIntent[]): Promise<RepairOutcome> {
    this.avoidance.release(incident);
    const problems: string[] = [];
    for (const old of previous) {
      const name = old.spec.name;
      const now = this.store.getIntent(name);
      if (!now || !IN_SERVICE.has(now.status)) continue;
      try {
        if (now.status !== 'repairing')
          this.records.setStatus(name, 'repairing', ACTOR, `rollback:${incident}`);
        this.records.setStatus(name, 'deploying', ACTOR, `rollback:${incident}`);
        const outcome = await this.deployer.deploy(old.plan?.policies ?? [], now.plan?.policies ?? []);
        const back = outcome.ok ? old : now;
        this.records.setStatus(name, 'deployed', ACTOR, outcome.ok ? 'rollback' : 'rollback-failed', {
          ...(!outcome.ok && { reason: outcome.reason }),
          reservations: back.plan?.reservations ?? [],
          record: { spec: back.spec, plan: back.plan, explain: back.explain },
        });
        if (!outcome.ok) problems.push(`${name}: ${outcome.reason}`);
      } catch (err) {
        problems.push(`${name}: ${message(err)}`);
      }
    }
    return {
      ok: problems.length === 0,
      detail:
        problems.length === 0
          ? `restored ${previous.map((p) => p.spec.name).join(', ') || 'nothing'}`
          : problems.join('; '),
      previous: [],
    };
  }

  /** Holds an incident's exclusions again (its reroute survived a restart). */
  reavoid(incident: string, links: readonly string[], nodes: readonly string[]): void {
    this.avoidance.hold(incident, links, nodes);
  }

  /**
   * Lifts the incident's exclusions (it resolved): later plans may use those links again. True when it held
   * some.
   */
  release(incident: string): boolean {
    return this.avoidance.release(incident);
  }

  /** Moves an in-service intent to a live state when the lifecycle allows it (no-op otherwise). */
  live(name: string, to: 'compliant' | 'degraded' | 'repairing', why: string): void {
    const intent = this.store.getIntent(name);
    if (!intent || intent.status === to || !IN_SERVICE.has(intent.status)) return;
    try {
      this.records.setStatus(name, to, ACTOR, `live:${to}`, to === 'compliant' ? {} : { reason: why });
    } catch {
      // the lifecycle refused (e.g. deploying): the next interval tries again
    }
  }
}
