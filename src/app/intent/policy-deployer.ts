import { Inject, Injectable } from '@nestjs/common';
import type { NodeId } from '../../core/model/ids';
import type { PlannedPolicy } from '../../core/model/intent';
import { NE_DRIVER } from '../../ports/ne-driver.port';
import type { NeDriver, ResourceResult, SrPolicyConfig } from '../../ports/ne-driver.port';

export type DeployOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

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

function failures(results: readonly ResourceResult<unknown>[]): string[] {
  return results.flatMap((r) => (r.ok ? [] : [`${r.resource}: ${r.error.message}`]));
}

/**
 * Deploys plans through the NE driver, all or nothing: if any headend refuses, what was installed is rolled back
 * (the previous policy re-installed where there was one, else removed). Make-before-break: the new policies
 * are installed before any policy of the previous plan is removed.
 */
@Injectable()
export class PolicyDeployer {
  constructor(@Inject(NE_DRIVER) private readonly driver: NeDriver) {}

  async deploy(
    policies: readonly PlannedPolicy[],
    previous: readonly PlannedPolicy[] = [],
  ): Promise<DeployOutcome> {
    const configs = policies.map((p) => toSrPolicyConfig(p));
    let results: ResourceResult[];
    try {
      results = await this.driver.setPolicies(configs);
    } catch (err) {
      results = configs.map((c) => ({
        resource: refOf(c),
        ok: false,
        error: { code: 'DRIVER', message: String(err) },
      }));
    }
    const failed = failures(results);
    if (failed.length > 0) {
      const installed = new Set(results.filter((r) => r.ok).map((r) => r.resource));
      await this.rollback(
        configs.filter((c) => installed.has(refOf(c))),
        previous,
      );
      return { ok: false, reason: `deploy failed on ${failed.join('; ')}` };
    }
    const keep = new Set(configs.map(refOf));
    const stale = previous.filter((p) => !keep.has(refOf(p)));
    if (stale.length > 0) {
      const removed = await this.remove(stale);
      if (!removed.ok) return removed;
    }
    return { ok: true };
  }

  async remove(policies: readonly { headend: NodeId; name: string }[]): Promise<DeployOutcome> {
    if (policies.length === 0) return { ok: true };
    try {
      const failed = failures(
        await this.driver.deletePolicies(policies.map((p) => ({ headend: p.headend, name: p.name }))),
      );
      return failed.length === 0
        ? { ok: true }
        : { ok: false, reason: `removal failed on ${failed.join('; ')}` };
    } catch (err) {
      return { ok: false, reason: `removal failed: ${String(err)}` };
    }
  }

  /** Policies of `policies` that their headends do not hold exactly as planned (missing or drifted). */
  async drifted(policies: readonly PlannedPolicy[]): Promise<PlannedPolicy[]> {
    const headends = [...new Set(policies.map((p) => p.headend))];
    const actual = new Map<string, string>();
    for (const r of await this.driver.getPolicies(headends)) {
      if (r.ok) for (const c of r.value) actual.set(refOf(c), configKey(c));
    }
    return policies.filter((p) => actual.get(refOf(p)) !== configKey(toSrPolicyConfig(p)));
  }

  /** Every policy installed on the network, by headend (for orphan clean-up). */
  async installed(): Promise<SrPolicyConfig[]> {
    const results = await this.driver.getPolicies(this.driver.targets());
    return results.flatMap((r) => (r.ok ? [...r.value] : []));
  }

  private async rollback(
    installed: readonly SrPolicyConfig[],
    previous: readonly PlannedPolicy[],
  ): Promise<void> {
    const before = new Map(previous.map((p) => [refOf(p), toSrPolicyConfig(p)]));
    const restore = installed.flatMap((c) => before.get(refOf(c)) ?? []);
    const remove = installed.filter((c) => !before.has(refOf(c)));
    try {
      if (restore.length > 0) await this.driver.setPolicies(restore);
      if (remove.length > 0)
        await this.driver.deletePolicies(remove.map((c) => ({ headend: c.headend, name: c.name })));
    } catch {
      // Best effort: reconciliation compares the network with the stored plans and repairs what is left.
    }
  }
}
