/**
 * The crash campaign's invariants (see crash-campaign.ts): what clients were told holds after restart and
 * reconciliation, no arc is overbooked, and the simulator holds exactly the policies of the stored plans.
 */
import { SqliteIntentStore } from '../src/adapters/store';

/** What a client was told about one name: the bandwidth it must have, or that it must be gone. */
export type Expect = { readonly mbps: number } | 'absent';

const SETTLED = new Set(['deployed', 'compliant', 'degraded', 'repairing', 'failed']);
const TIMEOUT_MS = 60_000;

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`crash campaign: GET ${url} → ${res.status}`);
  return (await res.json()) as T;
}

interface IntentJson {
  name: string;
  status: string;
  slo: { bandwidthMbps: number };
}

interface PlannedJson {
  intent: string;
  status: string;
  name: string;
  headend: string;
  color: number;
  endpointSid: string;
  candidatePaths: { preference: number; segments: { sid: string }[] }[];
}

interface SimPolicyJson {
  headend: string;
  name: string;
  policy: {
    color: number;
    endpoint: string;
    'candidate-path': {
      preference: number;
      'segment-list': { segment: { index: number; sid: string }[] }[];
    }[];
  };
}

/** One policy as a comparable string: where, what colour and endpoint, and every candidate path's SIDs. */
function signature(
  headend: string,
  name: string,
  color: number,
  endpoint: string,
  paths: { preference: number; sids: string[] }[],
): string {
  const cps = [...paths].sort((a, b) => a.preference - b.preference);
  return `${headend}/${name} color ${color} → ${endpoint} [${cps.map((c) => `${c.preference}:${c.sids.join(',')}`).join(' | ')}]`;
}

/** Every invariant after restart + reconciliation; returns what is violated (empty when all hold). */
export async function check(
  server: { readonly api: string },
  sim: { readonly admin: string },
  expected: Map<string, Expect>,
): Promise<string[]> {
  const v: string[] = [];
  const { intents } = await get<{ intents: IntentJson[] }>(`${server.api}/intents`);
  const byName = new Map(intents.map((i) => [i.name, i]));
  for (const [name, want] of expected) {
    const got = byName.get(name);
    if (want === 'absent') {
      if (got) v.push(`${name}: deleted (acknowledged) but present`);
    } else if (!got) v.push(`${name}: acknowledged but missing`);
    else if (got.status !== 'failed' && got.slo.bandwidthMbps !== want.mbps)
      v.push(`${name}: acknowledged ${want.mbps} Mbit/s, holds ${got.slo.bandwidthMbps}`);
  }
  for (const i of intents) if (!SETTLED.has(i.status)) v.push(`${i.name}: half-applied (${i.status})`);
  const topology = await get<{
    links: { directions: { arc: string; capacityMbps: number; reservedMbps: number }[] }[];
  }>(`${server.api}/topology`);
  for (const l of topology.links)
    for (const d of l.directions)
      if (d.reservedMbps > d.capacityMbps + 1e-6)
        v.push(`arc ${d.arc} overbooked: ${d.reservedMbps}/${d.capacityMbps}`);
  // what the store says the network holds, against what the simulator really holds
  const { policies } = await get<{ policies: PlannedJson[] }>(`${server.api}/policies`);
  const planned = policies
    .filter((p) => p.status !== 'failed')
    .map((p) =>
      signature(
        p.headend,
        p.name,
        p.color,
        p.endpointSid,
        p.candidatePaths.map((c) => ({
          preference: c.preference,
          sids: c.segments.length > 0 ? c.segments.map((s) => s.sid) : [p.endpointSid],
        })),
      ),
    )
    .sort();
  const held = await get<{ policies: SimPolicyJson[] }>(`${sim.admin}/policies`);
  const installed = held.policies
    .map((p) =>
      signature(
        p.headend,
        p.name,
        p.policy.color,
        p.policy.endpoint,
        p.policy['candidate-path'].map((c) => ({
          preference: c.preference,
          sids: (c['segment-list'][0]?.segment ?? []).sort((a, b) => a.index - b.index).map((s) => s.sid),
        })),
      ),
    )
    .sort();
  const plannedSet = new Set(planned);
  const installedSet = new Set(installed);
  for (const p of planned) if (!installedSet.has(p)) v.push(`stored plan not installed: ${p}`);
  for (const p of installed) if (!plannedSet.has(p)) v.push(`installed without a stored plan: ${p}`);
  return v;
}

/** The store itself, read with the server stopped: reservations match plans, failed holds none. */
export function checkStore(dataDir: string): string[] {
  const v: string[] = [];
  const store = SqliteIntentStore.open({ dataDir });
  try {
    for (const i of store.listIntents()) {
      const held = store
        .reservations(i.spec.name)
        .map((r) => `${r.arc}:${r.mbps}`)
        .sort();
      const planned = (i.plan?.reservations ?? []).map((r) => `${r.arc}:${r.mbps}`).sort();
      const want = i.status === 'failed' ? [] : planned;
      if (JSON.stringify(held) !== JSON.stringify(want)) v.push(`${i.spec.name}: reservations ≠ plan`);
      if (i.previous && SETTLED.has(i.status)) v.push(`${i.spec.name}: settled with a previous plan`);
    }
  } finally {
    store.close();
  }
  return v;
}
