import { InfeasibleError, InvalidIntentError } from '../errors';
import { nodeId } from '../model/ids';
import type { ConnectivityIntentSpec, Protection } from '../model/intent';
import { SHARED_POOL } from '../model/intent';
import { SidTable } from '../topology';
import type { TopologyGraph } from '../topology';
import { FakePathEngine } from './__fixtures__/fake-path-engine';
import { squareTopology } from './__fixtures__/square.topology';
import { BandwidthLedger } from './bandwidth-ledger';
import { colorOf } from './color';
import { ConnectivityCompiler } from './connectivity.compiler';
import type { CompileInput } from './intent-compiler';
import { TopologyPlanVerifier } from './verifier';

const spec = (over: Partial<ConnectivityIntentSpec> = {}): ConnectivityIntentSpec => ({
  name: 'vpn1',
  kind: 'connectivity',
  endpoints: { a: nodeId('A'), b: nodeId('D') },
  slo: { bandwidthMbps: 100 },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
  ...over,
});

function input(
  s: ConnectivityIntentSpec,
  topology: TopologyGraph = squareTopology(),
  ledger?: BandwidthLedger,
) {
  const sids = SidTable.allocate(topology);
  const engines: FakePathEngine[] = [];
  const l = ledger ?? new BandwidthLedger(topology);
  const inp: CompileInput<ConnectivityIntentSpec> = {
    spec: s,
    topology,
    sids,
    pool: SHARED_POOL,
    freeMbps: (arc) => l.free(arc, SHARED_POOL),
    engine: (options) => {
      const e = new FakePathEngine(topology, sids, options);
      engines.push(e);
      return e;
    },
  };
  return { inp, engines, ledger: l, sids };
}

describe('ConnectivityCompiler', () => {
  const compiler = new ConnectivityCompiler();

  it('plans one policy per direction with reservations on every arc and an explanation', () => {
    const { inp, sids } = input(spec());
    const { plan, explain } = compiler.compile(inp);
    expect(plan.policies.map((p) => [p.headend, p.endpoint])).toEqual([
      ['A', 'D'],
      ['D', 'A'],
    ]);
    expect(plan.policies[0]!.candidatePaths[0]!.nodes).toEqual(['A', 'B', 'D']);
    expect(plan.policies[0]!.endpointSid).toBe(sids.endSid(nodeId('D')).sid);
    expect(plan.reservations.map((r) => r.arc)).toEqual(['A-B#ab', 'A-B#ba', 'B-D#ab', 'B-D#ba']);
    expect(plan.reservations.every((r) => r.mbps === 100 && r.pool === SHARED_POOL)).toBe(true);
    expect(explain.directions).toHaveLength(2);
    expect(explain.color).toBe(colorOf(spec()));
  });

  it('asks for a joint disjoint pair when protection is requested and plans a backup path', () => {
    const cases: [Protection, string][] = [
      ['link-disjoint', 'link'],
      ['node-disjoint', 'node'],
      ['srlg-disjoint', 'srlg'],
    ];
    for (const [protection, disjoint] of cases) {
      const { inp, engines } = input(spec({ sle: { protection, isolation: 'shared' } }));
      const { plan } = compiler.compile(inp);
      expect(engines[0]!.queries.every((q) => q.disjoint === disjoint)).toBe(true);
      expect(engines[0]!.queries).toHaveLength(2);
      const cps = plan.policies[0]!.candidatePaths;
      expect(cps.map((c) => c.role)).toEqual(['primary', 'backup']);
      expect(cps[0]!.preference).toBeGreaterThan(cps[1]!.preference);
      expect(plan.reservations).toHaveLength(8);
    }
  });

  it('refuses with InfeasibleError naming the blocking constraint when bandwidth is short', () => {
    const topology = squareTopology({ cap: 50 });
    const { inp } = input(spec(), topology);
    expect(() => compiler.compile(inp)).toThrow(InfeasibleError);
    try {
      compiler.compile(inp);
    } catch (e) {
      expect((e as InfeasibleError).blocking[0]?.constraint).toBe('bandwidth');
    }
  });

  it('refuses protection when no disjoint backup exists', () => {
    const { inp } = input(
      spec({
        endpoints: { a: nodeId('A'), b: nodeId('E') },
        sle: { protection: 'link-disjoint', isolation: 'shared' },
      }),
    );
    expect(() => compiler.compile(inp)).toThrow(InfeasibleError);
  });

  it('rejects unknown endpoints, equal endpoints and isolation without a matching slice', () => {
    expect(() =>
      compiler.compile(input(spec({ endpoints: { a: nodeId('A'), b: nodeId('Z') } })).inp),
    ).toThrow(InvalidIntentError);
    expect(() =>
      compiler.compile(input(spec({ endpoints: { a: nodeId('A'), b: nodeId('A') } })).inp),
    ).toThrow(InvalidIntentError);
    expect(() =>
      compiler.compile(input(spec({ sle: { protection: 'none', isolation: 'hard' } })).inp),
    ).toThrow(InvalidIntentError);
  });

  it('produces plans the topology verifier accepts, including the single-failure protection check', () => {
    for (const protection of ['none', 'link-disjoint', 'node-disjoint', 'srlg-disjoint'] as const) {
      const s = spec({
        slo: { bandwidthMbps: 100, maxDelayUs: 700 },
        sle: { protection, isolation: 'shared' },
      });
      const { inp, ledger, sids } = input(s);
      const { plan } = compiler.compile(inp);
      const v = new TopologyPlanVerifier(sids).verify(plan, s, inp.topology, ledger);
      expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    }
  });
});
