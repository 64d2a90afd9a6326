/** Fixed API answers for the dashboard test: a small geo topology with one node without coordinates. */

const dir = (from: string, to: string, capacityMbps: number, reservedMbps: number) => ({
  arc: `${from}-${to}`,
  from,
  to,
  capacityMbps,
  delayUs: 4000,
  reservedMbps,
  freeMbps: capacityMbps - reservedMbps,
});

const link = (id: string, a: string, b: string, cap: number, resAB: number, resBA = 0) => ({
  id,
  a,
  b,
  srlgs: [],
  affinities: [],
  directions: [dir(a, b, cap, resAB), dir(b, a, cap, resBA)],
});

export const TOPOLOGY = {
  name: 'Fixture-West',
  nodes: [
    { id: 'SEA', name: 'Seattle', role: 'pe', geo: { lat: 47.61, lon: -122.33 }, sid: 'fc00:0:1::' },
    { id: 'SNV', name: 'Sunnyvale', role: 'p', geo: { lat: 37.37, lon: -122.04 }, sid: 'fc00:0:2::' },
    { id: 'DEN', name: 'Denver', role: 'p', geo: { lat: 39.74, lon: -104.98 }, sid: 'fc00:0:3::' },
    { id: 'KC', name: 'Kansas City', role: 'p', geo: { lat: 39.1, lon: -94.58 }, sid: 'fc00:0:4::' },
    { id: 'CHI', name: 'Chicago', role: 'pe', geo: { lat: 41.88, lon: -87.63 }, sid: 'fc00:0:5::' },
    { id: 'LAB', name: 'Lab router', role: 'p', sid: 'fc00:0:6::' },
  ],
  links: [
    link('L1', 'SEA', 'DEN', 10000, 2000),
    link('L2', 'SEA', 'SNV', 10000, 9700),
    link('L3', 'SNV', 'DEN', 10000, 6500, 100),
    link('L4', 'DEN', 'KC', 10000, 2000),
    link('L5', 'KC', 'CHI', 10000, 2000),
    link('L6', 'KC', 'CHI', 10000, 8500),
    link('L7', 'SNV', 'KC', 40000, 0),
    link('L8', 'CHI', 'LAB', 1000, 0),
  ],
};

const path = (role: 'primary' | 'backup', nodes: string[], links: string[]) => ({
  preference: role === 'primary' ? 200 : 100,
  role,
  nodes,
  links,
  segments: nodes.slice(1).map((n, i) => ({ sid: `fc00:0:${i + 2}::`, behavior: 'End', node: n })),
  delayUs: 9000 + nodes.length * 1000,
  metric: nodes.length * 100,
});

export const INTENTS = [
  {
    name: 'finance-sea-chi',
    kind: 'connectivity',
    endpoints: { a: 'SEA', b: 'CHI' },
    slo: { bandwidthMbps: 2000, maxDelayUs: 20000 },
    sle: { protection: 'link-disjoint', isolation: 'shared' },
    priority: 5,
    status: 'compliant',
    plan: {
      policies: [
        {
          name: 'finance-sea-chi',
          headend: 'SEA',
          endpoint: 'CHI',
          endpointSid: 'fc00:0:5::',
          color: 101,
          candidatePaths: [
            path('primary', ['SEA', 'DEN', 'KC', 'CHI'], ['L1', 'L4', 'L5']),
            path('backup', ['SEA', 'SNV', 'KC', 'CHI'], ['L2', 'L7', 'L6']),
          ],
        },
      ],
      reservations: [],
    },
  },
  {
    name: 'video-snv-den',
    kind: 'connectivity',
    endpoints: { a: 'SNV', b: 'DEN' },
    slo: { bandwidthMbps: 6500 },
    sle: { protection: 'none', isolation: 'shared' },
    priority: 3,
    status: 'deployed',
    plan: {
      policies: [
        {
          name: 'video-snv-den',
          headend: 'SNV',
          endpoint: 'DEN',
          endpointSid: 'fc00:0:3::',
          color: 102,
          candidatePaths: [path('primary', ['SNV', 'DEN'], ['L3'])],
        },
      ],
      reservations: [],
    },
  },
];

/** Shapes as src/app/telemetry returns them (ADR 0073). */
export const TELEMETRY_STATUS = {
  running: true,
  samplesPerSec: 48,
  queue: { capacity: 65536, depth: 0, dropped: 0 },
  nes: TOPOLOGY.nodes.map((n) => ({ ne: n.id, protocol: 'gnmi', state: 'up', samples: 1200, drops: 0 })),
};

/** Live utilisation of L7 (SNV–KC): 88 % towards KC now, while its reservations are 0 %. */
export function linkTelemetry(linkId: string, nowMs: number): unknown {
  if (linkId !== 'L7') return undefined;
  const buckets = (mean: number) =>
    [0, 1, 2].map((k) => ({ t: nowMs - (3 - k) * 10_000, mean: mean - 0.01 * k, min: 0, max: 1, count: 10 }));
  const direction = (from: string, to: string, mean: number) => ({
    arc: `L7#${from < to ? 'ab' : 'ba'}`,
    from,
    to,
    capacityMbps: 40000,
    utilisation: buckets(mean),
    throughputBps: [],
    lossPct: [],
    delayUs: [],
  });
  return {
    link: 'L7',
    fromMs: nowMs - 300_000,
    toMs: nowMs,
    stepMs: 10_000,
    directions: [direction('SNV', 'KC', 0.9), direction('KC', 'SNV', 0.2)],
  };
}

const incident = (id: string, cls: string, state: string, where: string[], detectedAt: number) => ({
  id,
  class: cls,
  state,
  detectedAt,
  ...(state !== 'detected' && { locatedAt: detectedAt + 1000 }),
  ...(state === 'repaired' && { repairedAt: detectedAt + 5000 }),
  ...(state === 'resolved' && { resolvedAt: detectedAt + 60_000 }),
  confidence: 0.9,
  suspects: where.map((w) => ({ kind: 'link', id: w, probability: 1 / where.length })),
  equivalenceClass: where,
  affectedIntents: ['finance-sea-chi'],
  evidence: [],
  actions: [],
});

/** One incident in each kind of state an operator must tell apart: only `resolved` is closed. */
export const INCIDENTS = [
  incident('inc-1', 'link-down', 'resolved', ['L4'], Date.UTC(2026, 11, 6, 1, 0, 0)),
  incident('inc-2', 'link-down', 'repaired', ['L1'], Date.UTC(2026, 11, 6, 2, 0, 0)),
  incident('inc-3', 'gray-loss', 'failed', ['L5'], Date.UTC(2026, 11, 6, 2, 0, 5)),
  incident('inc-4', 'latency', 'awaiting-approval', ['L3'], Date.UTC(2026, 11, 6, 0, 30, 0)),
  incident('inc-5', 'congestion', 'rolled-back', ['L6'], Date.UTC(2026, 11, 6, 0, 10, 0)),
];
