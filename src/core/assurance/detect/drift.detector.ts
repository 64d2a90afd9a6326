import type { NodeId } from '../../model/ids';
import { policyKey } from '../observation';
import type { HeldPolicy, Signal } from '../observation';

type DriftIssue = 'missing' | 'modified' | 'unexpected';

/**
 * Configuration drift: what each headend holds (gNMI Get/subscribe of its SR policies) against what the
 * controller deployed, compared by fingerprint. Only headends that reported in this round are judged (a
 * silent headend is a telemetry gap, not drift), policies being deployed right now (`inFlight`) are skipped,
 * and a difference must be seen in `confirmations` consecutive rounds (default 2) so a deploy racing the read
 * is not drift. Budget: zero by construction on a consistent network (ADR 0101).
 */
export class DriftDetector {
  private readonly seen = new Map<string, number>();

  constructor(private readonly confirmations = 2) {}

  update(
    atMs: number,
    deployed: readonly HeldPolicy[],
    held: readonly HeldPolicy[],
    reportedHeadends: readonly NodeId[],
    inFlight: readonly string[] = [],
  ): Signal[] {
    const reported = new Set<string>(reportedHeadends);
    const skip = new Set(inFlight);
    const want = new Map(
      deployed.filter((p) => reported.has(p.headend)).map((p) => [policyKey(p.headend, p.name), p]),
    );
    const have = new Map(
      held.filter((p) => reported.has(p.headend)).map((p) => [policyKey(p.headend, p.name), p]),
    );
    const found: { key: string; issue: DriftIssue; want?: HeldPolicy; have?: HeldPolicy }[] = [];
    for (const [key, w] of want) {
      const h = have.get(key);
      if (!h) found.push({ key, issue: 'missing', want: w });
      else if (h.fingerprint !== w.fingerprint) found.push({ key, issue: 'modified', want: w, have: h });
    }
    for (const [key, h] of have) if (!want.has(key)) found.push({ key, issue: 'unexpected', have: h });
    const current = new Set<string>();
    const signals: Signal[] = [];
    for (const f of found) {
      if (skip.has(f.key)) continue;
      const id = `${f.issue}:${f.key}`;
      current.add(id);
      const count = (this.seen.get(id) ?? 0) + 1;
      this.seen.set(id, count);
      if (count < this.confirmations) continue;
      const headend = (f.want ?? f.have)!.headend;
      signals.push({
        kind: 'drift',
        atMs,
        nodes: [headend],
        policies: [f.key],
        score: 1,
        detail: `${f.key}: ${f.issue} on the headend`,
        evidence: {
          issue: f.issue,
          deployed: f.want?.fingerprint ?? '',
          held: f.have?.fingerprint ?? '',
          rounds: count,
        },
      });
    }
    for (const id of [...this.seen.keys()]) if (!current.has(id)) this.seen.delete(id);
    return signals;
  }
}
