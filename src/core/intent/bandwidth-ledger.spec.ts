import fc from 'fast-check';
import { arcId } from '../model/ids';
import { SHARED_POOL } from '../model/intent';
import type { Reservation, SliceSpec } from '../model/intent';
import { BandwidthLedger, poolOf } from './bandwidth-ledger';
import { squareTopology } from './__fixtures__/square.topology';

const AB = arcId('A-B#ab');
const r = (intent: string, mbps: number, pool = SHARED_POOL, arc = AB): Reservation => ({
  intent,
  arc,
  pool,
  mbps,
});
const hard: SliceSpec = { name: 'gold', isolation: 'hard', bandwidthShare: 0.3 };
const soft: SliceSpec = { name: 'silver', isolation: 'soft', bandwidthShare: 0.5 };

describe('BandwidthLedger', () => {
  it('admits up to capacity and names the arc and pool that would overbook', () => {
    const ledger = new BandwidthLedger(squareTopology());
    expect(ledger.admit([r('x', 1000)]).ok).toBe(true);
    ledger.replace('x', [r('x', 600)]);
    const refused = ledger.admit([r('y', 500)]);
    expect(refused).toEqual({ ok: false, arc: AB, pool: SHARED_POOL, requestedMbps: 500, freeMbps: 400 });
  });

  it('lets a re-planned intent reuse what it already holds', () => {
    const ledger = new BandwidthLedger(squareTopology(), [], [r('x', 600)]);
    expect(ledger.admit([r('x', 900)], 'x').ok).toBe(true);
    expect(ledger.admit([r('x', 900)]).ok).toBe(false);
  });

  it('takes hard slice shares out of the shared pool and keeps them for the slice', () => {
    const ledger = new BandwidthLedger(squareTopology(), [hard]);
    expect(ledger.free(AB, SHARED_POOL)).toBeCloseTo(700);
    expect(ledger.free(AB, 'gold')).toBeCloseTo(300);
    ledger.replace('s', [r('s', 700)]);
    expect(ledger.free(AB, 'gold')).toBeCloseTo(300);
    expect(ledger.admit([r('g', 301, 'gold')]).ok).toBe(false);
  });

  it('bounds a soft slice by its share and by the common capacity', () => {
    const ledger = new BandwidthLedger(squareTopology(), [soft], [r('s', 800)]);
    expect(ledger.free(AB, 'silver')).toBeCloseTo(200);
    ledger.release('s');
    expect(ledger.free(AB, 'silver')).toBeCloseTo(500);
  });

  it('refuses a hard slice that would squeeze existing shared reservations, or shares above 1', () => {
    const ledger = new BandwidthLedger(squareTopology(), [], [r('s', 800)]);
    expect(ledger.checkSlice(hard)).toMatchObject({ ok: false, arc: AB, pool: SHARED_POOL });
    const empty = new BandwidthLedger(squareTopology(), [hard]);
    expect(empty.checkSlice({ name: 'big', isolation: 'hard', bandwidthShare: 0.8 }).ok).toBe(false);
    expect(empty.checkSlice({ name: 'ok', isolation: 'hard', bandwidthShare: 0.7 }).ok).toBe(true);
  });

  it('maps shared-isolation slices to the shared pool', () => {
    expect(poolOf(undefined)).toBe(SHARED_POOL);
    expect(poolOf({ name: 'x', isolation: 'shared' })).toBe(SHARED_POOL);
    expect(poolOf(hard)).toBe('gold');
  });

  it('never lets admitted reservations exceed any arc capacity (random admit/release sequences)', () => {
    const topology = squareTopology({ cap: 100 });
    const arcs = [...topology.arcs()].map((a) => a.id);
    const pools = [SHARED_POOL, 'gold', 'silver'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('admit' as const),
        intent: fc.integer({ min: 0, max: 9 }),
        pool: fc.constantFrom(...pools),
        mbps: fc.double({ min: 0.5, max: 80, noNaN: true }),
        arcs: fc.subarray(arcs, { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('release' as const), intent: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const ledger = new BandwidthLedger(topology, [hard, soft]);
        const model = new Map<string, Reservation[]>();
        for (const o of ops) {
          const name = `i${o.intent}`;
          if (o.kind === 'release') {
            ledger.release(name);
            model.delete(name);
            continue;
          }
          const rs = o.arcs.map((arc) => ({ intent: name, arc, pool: o.pool, mbps: o.mbps }));
          if (ledger.admit(rs, name).ok) {
            ledger.replace(name, rs);
            model.set(name, rs);
          }
        }
        // the running totals agree with a recount of the live reservations
        const live = [...model.values()].flat();
        for (const arc of topology.arcs()) {
          for (const pool of pools) {
            const recount = live
              .filter((x) => x.arc === arc.id && x.pool === pool)
              .reduce((t, x) => t + x.mbps, 0);
            expect(ledger.reserved(arc.id, pool)).toBeCloseTo(recount, 6);
          }
        }
        for (const arc of topology.arcs()) {
          expect(ledger.reserved(arc.id)).toBeLessThanOrEqual(arc.capacityMbps + 1e-6);
          expect(ledger.reserved(arc.id, 'gold')).toBeLessThanOrEqual(0.3 * arc.capacityMbps + 1e-6);
          expect(ledger.reserved(arc.id, 'silver')).toBeLessThanOrEqual(0.5 * arc.capacityMbps + 1e-6);
          const common = ledger.reserved(arc.id) - ledger.reserved(arc.id, 'gold');
          expect(common).toBeLessThanOrEqual(0.7 * arc.capacityMbps + 1e-6);
        }
      }),
    );
  });
});
