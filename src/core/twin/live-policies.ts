import type { PolicyPoint } from '../telemetry';
import { policyKey } from './route-table';
import type { TwinPolicy, PolicyStateView } from './twin-types';

interface Measured {
  delayUs: number | null;
  lossPct: number | null;
  jitterUs: number | null;
  atMs: number | null;
}

/** Per-policy probe measurements, keyed by (headend, name), and the SLO verdict on fresh ones. */
export class LivePolicies {
  private policies: readonly TwinPolicy[] = [];
  private readonly measured = new Map<string, Measured>();

  set(policies: readonly TwinPolicy[]): void {
    this.policies = policies;
  }

  all(): readonly TwinPolicy[] {
    return this.policies;
  }

  /** Records a probe point; returns the measured delay when the point carried one. */
  apply(p: PolicyPoint): number | undefined {
    const key = policyKey(p.ne, p.policy);
    let m = this.measured.get(key);
    if (!m) this.measured.set(key, (m = { delayUs: null, lossPct: null, jitterUs: null, atMs: null }));
    const f = p.fields;
    if (f.delayUs !== undefined) m.delayUs = f.delayUs;
    if (f.jitterUs !== undefined) m.jitterUs = f.jitterUs;
    if (f.lossPct !== undefined) m.lossPct = f.lossPct;
    else if (f.probesSent !== undefined && f.probesSent > 0 && f.probesLost !== undefined) {
      m.lossPct = (100 * f.probesLost) / f.probesSent;
    }
    if (f.delayUs !== undefined || f.lossPct !== undefined || f.probesSent !== undefined) {
      m.atMs = Math.max(m.atMs ?? -Infinity, p.timestampMs);
    }
    return f.delayUs;
  }

  view(nowMs: number, staleAfterMs: number): PolicyStateView[] {
    return this.policies.map((p) => {
      const m = this.measured.get(policyKey(p.headend, p.name));
      const stale = !m || m.atMs === null || nowMs - m.atMs > staleAfterMs;
      return {
        headend: p.headend,
        name: p.name,
        intent: p.intent ?? null,
        delayUs: m?.delayUs ?? null,
        lossPct: m?.lossPct ?? null,
        jitterUs: m?.jitterUs ?? null,
        sloOk: stale ? null : sloHolds(p, m),
        stale,
      };
    });
  }
}

/** The SLO verdict on measurements; a bound whose measurement is missing makes the verdict unknown. */
function sloHolds(p: TwinPolicy, m: Measured): boolean | null {
  const slo = p.slo ?? {};
  let ok = true;
  if (slo.maxDelayUs !== undefined) {
    if (m.delayUs === null) return null;
    ok &&= m.delayUs <= slo.maxDelayUs;
  }
  if (slo.maxLossPct !== undefined) {
    if (m.lossPct === null) return null;
    ok &&= m.lossPct <= slo.maxLossPct;
  }
  return ok;
}
