import { InfeasibleError } from '../../core/errors';
import { sharedEngineFactory, TopologyPlanVerifier } from '../../core/intent';
import type { PathEngineFactory } from '../../core/intent';
import type { ArcId } from '../../core/model/ids';
import { nodeId } from '../../core/model/ids';
import type { ConnectivityIntentSpec } from '../../core/model/intent';
import { PathEngine } from '../../core/pathcomp';
import type { ComputePool } from '../../ports/compute-pool.port';
import { MemoryIntentStore } from '../intent/__fixtures__/memory-intent-store';
import { squareNetwork } from '../intent/__fixtures__/intent-harness';
import { IntentLedger } from '../intent/intent-ledger';
import { IntentPlanner } from '../intent/intent-planner';
import { ComputeService } from './compute.service';
import { InlineComputePool } from './inline.pool';

const spec = (name: string, mbps: number): ConnectivityIntentSpec => ({
  name,
  kind: 'connectivity',
  endpoints: { a: nodeId('A'), b: nodeId('D') },
  slo: { bandwidthMbps: mbps },
  sle: { protection: 'none', isolation: 'shared' },
  priority: 3,
});

/** An intent planner whose own (main-thread) engine counts its queries, over a given compute pool. */
function setup(pool: ComputePool = new InlineComputePool()) {
  const network = squareNetwork(1000);
  const store = new MemoryIntentStore();
  const ledger = new IntentLedger(network, store);
  const inner = sharedEngineFactory(
    network.topology,
    (o) => new PathEngine(network.topology, network.sids, o),
  );
  const count = { inline: 0 };
  const engine: PathEngineFactory = (o) => {
    const e = inner(o);
    return { compute: (q) => (count.inline++, e.compute(q)) };
  };
  const compute = new ComputeService(pool, network, { budgetMs: 60_000 });
  const driver = { protocol: 'memory', configurable: () => true };
  const planner = new IntentPlanner(
    network,
    store,
    engine,
    new TopologyPlanVerifier(network.sids),
    ledger,
    driver,
    compute,
  );
  return { network, ledger, planner, count };
}

const arcsOf = (p: ReturnType<IntentPlanner['plan']>): ArcId[] =>
  p.plan.reservations.map((r) => r.arc).sort();

describe('IntentPlanner with a compute pool', () => {
  it('uses the pooled compilation when nothing changed: the same plan, no search on the main thread', async () => {
    const h = setup();
    const s = spec('a', 400);
    const pre = await h.planner.prePlan(s);
    const pooled = h.planner.plan(s, pre);
    expect(h.count.inline).toBe(0);
    expect(pooled).toEqual(h.planner.plan(s));
    expect(h.count.inline).toBeGreaterThan(0);
  });

  it('compiles again on the main thread when the ledger changed meanwhile, and sees the new reservation', async () => {
    const h = setup();
    const s = spec('a', 700);
    const pre = await h.planner.prePlan(s);
    const before = arcsOf(h.planner.plan(s, pre));
    // another intent takes 700 of 1000 Mbit/s on every arc of the fast path A–B–D
    const taken = before.map((arc) => ({ intent: 'other', arc, pool: 'shared', mbps: 700 }));
    h.ledger.ledger.replace('other', taken);
    const after = h.planner.plan(s, pre);
    expect(h.count.inline).toBeGreaterThan(0);
    expect(arcsOf(after).some((a) => before.includes(a))).toBe(false);
  });

  it('throws the compiler refusal of the pooled run, with its class, without searching again', async () => {
    const h = setup();
    const s = spec('big', 5000);
    const pre = await h.planner.prePlan(s);
    expect(() => h.planner.plan(s, pre)).toThrow(InfeasibleError);
    expect(h.count.inline).toBe(0);
  });

  it('never answers busy for an intent: a refused pre-plan is compiled on the main thread', async () => {
    const busy: ComputePool = {
      mode: 'worker-threads',
      load: () => undefined,
      run: () => Promise.resolve({ ok: false, reason: 'busy', retryAfterS: 3, queued: 8 }),
      stats: () => ({
        workers: 1,
        busy: 1,
        queued: 8,
        completed: 0,
        overBudget: 0,
        failed: 0,
        refusedBusy: 1,
        replaced: 0,
      }),
      close: () => Promise.resolve(),
    };
    const h = setup(busy);
    const s = spec('a', 400);
    const planned = h.planner.plan(s, await h.planner.prePlan(s));
    expect(h.count.inline).toBeGreaterThan(0);
    expect(planned.plan.reservations.length).toBeGreaterThan(0);
  });

  it('answers an overrun as the intent refusal (422), unless the caller asked to compile here', async () => {
    const over: ComputePool = {
      mode: 'worker-threads',
      load: () => undefined,
      run: (_job, budgetMs) =>
        Promise.resolve({
          ok: false,
          reason: 'budget',
          budgetMs,
          progress: { stage: 'compile', detail: "compiling intent 'a' (path search)" },
        }),
      stats: () => ({
        workers: 1,
        busy: 0,
        queued: 0,
        completed: 0,
        overBudget: 1,
        failed: 0,
        refusedBusy: 0,
        replaced: 1,
      }),
      close: () => Promise.resolve(),
    };
    const h = setup(over);
    const s = spec('a', 400);
    const pre = await h.planner.prePlan(s);
    expect(() => h.planner.plan(s, pre)).toThrow(/compute budget of 60000 ms; stage reached: compile/);
    const repair = await h.planner.prePlan(s, true);
    expect(h.planner.plan(s, repair).plan.reservations.length).toBeGreaterThan(0);
  });
});
