import { Inject, Injectable } from '@nestjs/common';
import type { NodeId } from '../../core/model/ids';
import type { PlannedPolicy } from '../../core/model/intent';
import { NE_DRIVER } from '../../ports/ne-driver.port';
import type { NeDriver, ResourceResult, SrPolicyConfig } from '../../ports/ne-driver.port';

/**
 * The result of a deploy. On failure, `consistent` says whether the network is back exactly where it was
 * (the previous plan, or nothing); if not, `residue` lists the policies left behind (`headend/name`), which
 * the periodic reconciler repairs. Nothing is swallowed: every refusal ends up in `reason` or `residue`.
 */
export type DeployOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly consistent: boolean;
      readonly residue?: readonly string[];
    };

/**
 * A planned policy as its headend receives it: one segment list of weight 1 per candidate path. An SRv6
 * segment list is never empty: a path that is plain IGP routing to the endpoint carries the endpoint's End SID.
 */
export function toSrPolicyConfig(p: PlannedPolicy, bindingSid?: string): SrPolicyConfig {
  return {
    name: p.name,
    headend: p.headend,
    color: p.color,
    endpoint: p.endpointSid,
    ...(bindingSid !== undefined && { bindingSid }),
    candidatePaths: p.candidatePaths.map((cp) => ({
      preference: cp.preference,
      segmentLists: [
        { weight: 1, sids: cp.segments.length > 0 ? cp.segments.map((s) => s.sid) : [p.endpointSid] },
      ],
    })),
  };
}

/** Canonical text of a policy config, to compare what a headend has with what the plan says. */
export function configKey(c: SrPolicyConfig): string {
  const paths = [...c.candidatePaths]
    .sort((x, y) => x.preference - y.preference)
    .map(
      (cp) =>
        `${cp.preference}:${cp.segmentLists.map((sl) => `${sl.weight}[${sl.sids.join(',')}]`).join('|')}`,
    );
  return `${c.headend}/${c.name}/${c.color}/${c.endpoint}/${paths.join(';')}`;
}

const refOf = (p: { headend: NodeId; name: string }): string => `${p.headend}/${p.name}`;

type Ref = { readonly headend: NodeId; readonly name: string };

/** Outcome of one batch after read-back: what is verified not done, with why. */
interface BatchResult {
  readonly failed: readonly string[];
  readonly refs: ReadonlySet<string>;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Deploys plans through the NE driver, all or nothing. Per-policy results are honoured, and a result that is
 * not a success (refused, timed out, or the whole call threw) is checked by reading the headend back before
 * deciding, because a Set whose answer was lost may have been applied. If any policy is not installed, the
 * network is put back to the previous plan exactly (previous policies re-installed, new-only ones removed).
 * Make-before-break: new policies first, then the previous plan's stale ones; if those cannot be removed the
 * update is rolled back the same way, so the store (which keeps the previous plan) and the network agree.
 */
@Injectable()
export class PolicyDeployer {
  constructor(@Inject(NE_DRIVER) private readonly driver: NeDriver) {}

  async deploy(
    policies: readonly PlannedPolicy[],
    previous: readonly PlannedPolicy[] = [],
  ): Promise<DeployOutcome> {
    const configs = policies.map((p) => toSrPolicyConfig(p));
    const set = await this.set(configs);
    if (set.failed.length > 0) {
      return this.rollback(`deploy failed on ${set.failed.join('; ')}`, configs, previous);
    }
    const keep = new Set(configs.map(refOf));
    const stale = previous.filter((p) => !keep.has(refOf(p)));
    const removed = await this.delete(stale);
    if (removed.failed.length > 0) {
      return this.rollback(
        `previous policies could not be removed (${removed.failed.join('; ')}); update rolled back`,
        configs,
        previous,
      );
    }
    return { ok: true };
  }

  /** Removes policies, verified by read-back (removing an absent policy succeeds). */
  async remove(policies: readonly Ref[]): Promise<DeployOutcome> {
    const removed = await this.delete(policies);
    return removed.failed.length === 0
      ? { ok: true }
      : {
          ok: false,
          reason: `removal failed on ${removed.failed.join('; ')}`,
          consistent: false,
          residue: [...removed.refs],
        };
  }

  /** Policies of `policies` that their headends do not hold exactly as planned (missing or drifted). */
  async drifted(policies: readonly PlannedPolicy[]): Promise<PlannedPolicy[]> {
    const actual = await this.readBack([...new Set(policies.map((p) => p.headend))]);
    return policies.filter((p) => actual(refOf(p)) !== configKey(toSrPolicyConfig(p)));
  }

  /** Every policy installed on the network, and the headends that could not be read. */
  async inventory(): Promise<{ policies: SrPolicyConfig[]; unreadable: NodeId[] }> {
    const results = await this.driver.getPolicies(this.driver.targets());
    return {
      policies: results.flatMap((r) => (r.ok ? [...r.value] : [])),
      unreadable: results.flatMap((r) => (r.ok ? [] : [r.resource as NodeId])),
    };
  }

  /** Every policy installed on the network, by headend (for orphan clean-up). */
  async installed(): Promise<SrPolicyConfig[]> {
    return (await this.inventory()).policies;
  }

  /** Puts the network back to `previous` exactly: re-installs it, removes what only `configs` had. */
  private async rollback(
    reason: string,
    configs: readonly SrPolicyConfig[],
    previous: readonly PlannedPolicy[],
  ): Promise<DeployOutcome> {
    const before = previous.map((p) => toSrPolicyConfig(p));
    const had = new Set(before.map(refOf));
    const restored = await this.set(before);
    const removed = await this.delete(configs.filter((c) => !had.has(refOf(c))));
    const residue = [...restored.refs, ...removed.refs];
    if (residue.length === 0) return { ok: false, reason, consistent: true };
    return {
      ok: false,
      reason: `${reason}; rollback incomplete (${[...restored.failed, ...removed.failed].join('; ')})`,
      consistent: false,
      residue,
    };
  }

  /** Installs configs; anything not confirmed by the driver is read back before it counts as failed. */
  private async set(configs: readonly SrPolicyConfig[]): Promise<BatchResult> {
    if (configs.length === 0) return { failed: [], refs: new Set() };
    let results: readonly ResourceResult[];
    try {
      results = await this.driver.setPolicies(configs);
    } catch (err) {
      results = configs.map((c) => ({
        resource: refOf(c),
        ok: false,
        error: { code: 'DRIVER', message: message(err) },
      }));
    }
    const byRef = new Map(results.map((r) => [r.resource, r]));
    const unsure = configs.filter((c) => byRef.get(refOf(c))?.ok !== true);
    if (unsure.length === 0) return { failed: [], refs: new Set() };
    const actual = await this.readBack([...new Set(unsure.map((c) => c.headend))]);
    const failed = unsure.filter((c) => actual(refOf(c)) !== configKey(c));
    return {
      failed: failed.map((c) => `${refOf(c)}: ${errorOf(byRef.get(refOf(c)))}`),
      refs: new Set(failed.map(refOf)),
    };
  }

  /** Deletes refs; anything not confirmed is read back: still present counts as failed. */
  private async delete(refs: readonly Ref[]): Promise<BatchResult> {
    if (refs.length === 0) return { failed: [], refs: new Set() };
    let results: readonly ResourceResult[];
    try {
      results = await this.driver.deletePolicies(refs.map((r) => ({ headend: r.headend, name: r.name })));
    } catch (err) {
      results = refs.map((r) => ({
        resource: refOf(r),
        ok: false,
        error: { code: 'DRIVER', message: message(err) },
      }));
    }
    const byRef = new Map(results.map((r) => [r.resource, r]));
    const unsure = refs.filter((r) => byRef.get(refOf(r))?.ok !== true);
    if (unsure.length === 0) return { failed: [], refs: new Set() };
    const actual = await this.readBack([...new Set(unsure.map((r) => r.headend))]);
    const failed = unsure.filter((r) => actual(refOf(r)) !== undefined);
    return {
      failed: failed.map((r) => `${refOf(r)}: ${errorOf(byRef.get(refOf(r)))}`),
      refs: new Set(failed.map(refOf)),
    };
  }

  /**
   * What the headends hold: `headend/name` → canonical text, undefined when absent. A headend that cannot
   * be read answers UNKNOWN for every policy, so nothing on it counts as verified either way.
   */
  private async readBack(headends: readonly NodeId[]): Promise<(ref: string) => string | undefined> {
    const actual = new Map<string, string>();
    const results = await this.driver.getPolicies(headends).catch(() => []);
    const read = new Set<string>();
    for (const r of results) {
      if (!r.ok) continue;
      read.add(r.resource);
      for (const c of r.value) actual.set(refOf(c), configKey(c));
    }
    return (key) => (read.has(key.slice(0, key.indexOf('/'))) ? actual.get(key) : UNKNOWN);
  }
}

const UNKNOWN = '\u0000unknown';

function errorOf(r: ResourceResult | undefined): string {
  if (!r) return 'no answer';
  return r.ok ? 'not applied (read-back)' : r.error.message;
}
