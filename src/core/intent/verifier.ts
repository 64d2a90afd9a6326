import type { ArcId, LinkId, NodeId } from '../model/ids';
import type { IntentPlan, IntentSpec, PlannedPolicy, Reservation } from '../model/intent';
import type { TopoArc } from '../model/topology';
import type { SidTable, TopologyGraph } from '../topology';
import type { Admission } from './bandwidth-ledger';
import { delayOf, walkOf } from './plan-arcs';

export type CheckName =
  'policies' | 'continuity' | 'sids' | 'capacity' | 'reservations' | 'delay' | 'protection';

export interface VerificationCheck {
  readonly check: CheckName;
  readonly ok: boolean;
  readonly detail: string;
  readonly elements?: readonly string[];
}

export interface Verification {
  readonly ok: boolean;
  readonly checks: readonly VerificationCheck[];
}

/** What the verifier needs of the ledger: would these reservations fit (replacing the intent's own)? */
export interface AdmissionView {
  admit(reservations: readonly Reservation[], replacing?: string): Admission;
}

/**
 * Checks a plan before it is deployed. Implemented here against the topology model; the digital twin will
 * implement it against the live network state.
 */
export interface PlanVerifier {
  verify(plan: IntentPlan, spec: IntentSpec, topology: TopologyGraph, ledger: AdmissionView): Verification;
}

interface Walked {
  readonly policy: PlannedPolicy;
  readonly paths: readonly { readonly role: string; readonly arcs: readonly TopoArc[] }[];
}

export class TopologyPlanVerifier implements PlanVerifier {
  constructor(private readonly sids?: SidTable) {}

  verify(plan: IntentPlan, spec: IntentSpec, topology: TopologyGraph, ledger: AdmissionView): Verification {
    const checks: VerificationCheck[] = [checkPolicies(plan, spec)];
    const walked: Walked[] = [];
    const broken: string[] = [];
    for (const policy of plan.policies) {
      const paths = policy.candidatePaths.map((cp) => ({
        role: cp.role,
        walk: walkOf(topology, cp, policy.headend, policy.endpoint),
      }));
      for (const p of paths) if (!p.walk.ok) broken.push(`${policy.name} ${p.role}: ${p.walk.problem}`);
      walked.push({
        policy,
        paths: paths.flatMap((p) => (p.walk.ok ? [{ role: p.role, arcs: p.walk.arcs }] : [])),
      });
    }
    checks.push(
      broken.length === 0
        ? pass('continuity', 'every candidate path is a walk from headend to endpoint')
        : fail('continuity', broken.join('; ')),
    );
    if (this.sids) checks.push(checkSids(this.sids, plan));
    checks.push(checkReservations(plan, spec, walked), checkCapacity(plan, spec, ledger));
    checks.push(checkDelay(spec, walked), checkProtection(spec, topology, walked));
    return { ok: checks.every((c) => c.ok), checks };
  }
}

const pass = (check: CheckName, detail: string): VerificationCheck => ({ check, ok: true, detail });
const fail = (check: CheckName, detail: string, elements?: readonly string[]): VerificationCheck => ({
  check,
  ok: false,
  detail,
  ...(elements && { elements }),
});

function checkPolicies(plan: IntentPlan, spec: IntentSpec): VerificationCheck {
  const { a, b } = spec.endpoints;
  const has = (h: NodeId, e: NodeId): boolean =>
    plan.policies.some(
      (p) => p.headend === h && p.endpoint === e && p.candidatePaths.some((c) => c.role === 'primary'),
    );
  if (!has(a, b) || !has(b, a))
    return fail('policies', `a policy with a primary path is needed at ${a} and at ${b}`);
  return pass('policies', `policies at ${a} and ${b}`);
}

function checkSids(sids: SidTable, plan: IntentPlan): VerificationCheck {
  const bad: string[] = [];
  for (const p of plan.policies) {
    for (const cp of p.candidatePaths) {
      for (const s of cp.segments) {
        const sid = sids.resolve(s.sid);
        if (!sid || sid.node !== s.node || sid.behavior !== s.behavior) bad.push(s.sid);
      }
    }
  }
  return bad.length === 0
    ? pass('sids', 'every segment is a SID of the topology')
    : fail('sids', `unknown SIDs: ${bad.join(', ')}`, bad);
}

function checkReservations(plan: IntentPlan, spec: IntentSpec, walked: readonly Walked[]): VerificationCheck {
  const held = new Map<ArcId, number>();
  for (const r of plan.reservations) held.set(r.arc, (held.get(r.arc) ?? 0) + r.mbps);
  const missing = new Set<string>();
  for (const w of walked)
    for (const p of w.paths)
      for (const arc of p.arcs) {
        if ((held.get(arc.id) ?? 0) + 1e-6 < spec.slo.bandwidthMbps) missing.add(arc.id);
      }
  return missing.size === 0
    ? pass('reservations', `${spec.slo.bandwidthMbps} Mbit/s reserved on every arc of every candidate path`)
    : fail('reservations', `arcs without the reserved bandwidth: ${[...missing].join(', ')}`, [...missing]);
}

function checkCapacity(plan: IntentPlan, spec: IntentSpec, ledger: AdmissionView): VerificationCheck {
  const admission = ledger.admit(plan.reservations, spec.name);
  if (admission.ok) return pass('capacity', `all ${plan.reservations.length} reservations fit their pools`);
  return fail(
    'capacity',
    `arc ${admission.arc} pool '${admission.pool}': ${admission.requestedMbps} Mbit/s requested, ${admission.freeMbps} free`,
    [admission.arc],
  );
}

function checkDelay(spec: IntentSpec, walked: readonly Walked[]): VerificationCheck {
  const bound = spec.slo.maxDelayUs;
  if (bound === undefined) return pass('delay', 'no delay bound');
  const late: string[] = [];
  for (const w of walked)
    for (const p of w.paths) {
      const d = delayOf(p.arcs);
      if (d > bound) late.push(`${w.policy.name} ${p.role} ${d} µs`);
    }
  return late.length === 0
    ? pass('delay', `every candidate path within ${bound} µs`)
    : fail('delay', `over the ${bound} µs bound: ${late.join('; ')}`);
}

/** Every single failure of a primary link (with its SRLG, or a transit node, per protection) leaves a good path. */
function checkProtection(
  spec: IntentSpec,
  topology: TopologyGraph,
  walked: readonly Walked[],
): VerificationCheck {
  if (spec.sle.protection === 'none') return pass('protection', 'no protection asked');
  const bound = spec.slo.maxDelayUs ?? Infinity;
  const exposed: string[] = [];
  for (const w of walked) {
    const primary = w.paths.find((p) => p.role === 'primary');
    if (!primary) continue;
    for (const failure of failuresOf(spec, topology, primary.arcs)) {
      const survivor = w.paths.find(
        (p) => p.role !== 'primary' && !hit(p.arcs, failure) && delayOf(p.arcs) <= bound,
      );
      if (!survivor) exposed.push(`${w.policy.name}: ${failure.label}`);
    }
  }
  return exposed.length === 0
    ? pass(
        'protection',
        `every single ${spec.sle.protection.replace('-disjoint', '')} failure on a primary leaves a conforming backup`,
      )
    : fail('protection', `failures with no conforming backup: ${exposed.join('; ')}`, exposed);
}

interface Failure {
  readonly label: string;
  readonly links: ReadonlySet<LinkId>;
  readonly nodes: ReadonlySet<NodeId>;
}

function failuresOf(spec: IntentSpec, topology: TopologyGraph, arcs: readonly TopoArc[]): Failure[] {
  const out: Failure[] = [];
  for (const arc of arcs) {
    const links = new Set<LinkId>([arc.link]);
    if (spec.sle.protection === 'srlg-disjoint') {
      const srlgs = new Set(topology.link(arc.link).srlgs);
      for (const l of topology.links()) if (l.srlgs.some((s) => srlgs.has(s))) links.add(l.id);
    }
    out.push({ label: `link ${arc.link} down`, links, nodes: new Set() });
  }
  if (spec.sle.protection === 'node-disjoint') {
    for (const arc of arcs.slice(1))
      out.push({ label: `node ${arc.from} down`, links: new Set(), nodes: new Set([arc.from]) });
  }
  return out;
}

function hit(arcs: readonly TopoArc[], failure: Failure): boolean {
  return arcs.some((a, i) => failure.links.has(a.link) || (i > 0 && failure.nodes.has(a.from)));
}
