import type { ArcId } from '../model/ids';
import { SHARED_POOL } from '../model/intent';
import type { Reservation, SliceSpec } from '../model/intent';
import type { TopologyGraph } from '../topology';

/** Tolerance for floating-point sums of Mbit/s values. */
const EPS = 1e-6;

export type Admission =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly arc: ArcId;
      readonly pool: string;
      readonly requestedMbps: number;
      readonly freeMbps: number;
    };

/** Which pool an intent reserves in: a slice with its own share (soft or hard), else the shared pool. */
export function poolOf(slice: SliceSpec | undefined): string {
  if (!slice || slice.isolation === 'shared' || slice.bandwidthShare === undefined) return SHARED_POOL;
  return slice.name;
}

/**
 * Per-arc, per-pool bandwidth accounting (ADR 0033).
 * - A hard slice owns `share × capacity` of every arc outright: nobody else may use it.
 * - A soft slice may reserve up to `share × capacity`, but takes it from the common capacity.
 * - The shared pool is `capacity − Σ hard shares`, and shared + soft reservations together stay inside it.
 * So the sum of all reservations on an arc never exceeds its capacity.
 */
export class BandwidthLedger {
  private readonly slices = new Map<string, SliceSpec>();
  /** arc → pool → intent → Mbit/s */
  private readonly held = new Map<ArcId, Map<string, Map<string, number>>>();
  /** arc → pool → Σ Mbit/s, kept with `held` so that `free` costs O(pools), not O(intents on the arc). */
  private readonly totals = new Map<ArcId, Map<string, number>>();
  /** arc → Σ Mbit/s of the shared pool and soft slices (what is drawn from the common capacity). */
  private readonly common = new Map<ArcId, number>();
  private readonly capacities = new Map<ArcId, number>();
  private readonly byIntent = new Map<string, Reservation[]>();
  private hardShare = 0;

  constructor(
    private readonly topology: TopologyGraph,
    slices: readonly SliceSpec[] = [],
    reservations: readonly Reservation[] = [],
  ) {
    for (const a of topology.arcs()) this.capacities.set(a.id, a.capacityMbps);
    for (const s of slices) this.slices.set(s.name, s);
    this.hardShare = this.sumHardShares();
    const grouped = new Map<string, Reservation[]>();
    for (const r of reservations) {
      const list = grouped.get(r.intent) ?? [];
      list.push(r);
      grouped.set(r.intent, list);
    }
    for (const [intent, rs] of grouped) this.replace(intent, rs);
  }

  /** Slices with their own pool; Σ of hard shares must stay ≤ 1 (checked by `checkSlice`). */
  setSlice(slice: SliceSpec): void {
    this.slices.set(slice.name, slice);
    this.hardShare = this.sumHardShares();
  }

  removeSlice(name: string): void {
    this.slices.delete(name);
    this.hardShare = this.sumHardShares();
  }

  capacity(arc: ArcId): number {
    return this.capacities.get(arc) ?? this.topology.arc(arc).capacityMbps;
  }

  /** What a pool may hold on an arc at most (ignoring what others hold). */
  poolCapacity(arc: ArcId, pool: string): number {
    const cap = this.capacity(arc);
    const slice = pool === SHARED_POOL ? undefined : this.slices.get(pool);
    if (!slice) return cap - this.hardHeld(cap);
    return (slice.bandwidthShare ?? 0) * cap;
  }

  reserved(arc: ArcId, pool?: string): number {
    const pools = this.totals.get(arc);
    if (!pools) return 0;
    if (pool !== undefined) return pools.get(pool) ?? 0;
    return sum(pools.values());
  }

  /** Bandwidth a new reservation in `pool` may still take on `arc`. */
  free(arc: ArcId, pool: string): number {
    const cap = this.capacity(arc);
    const common = cap - this.hardHeld(cap) - this.commonReserved(arc);
    const slice = pool === SHARED_POOL ? undefined : this.slices.get(pool);
    if (!slice) return Math.max(0, common);
    const own = (slice.bandwidthShare ?? 0) * cap - this.reserved(arc, pool);
    return Math.max(0, slice.isolation === 'hard' ? own : Math.min(own, common));
  }

  reservationsOf(intent: string): readonly Reservation[] {
    return this.byIntent.get(intent) ?? [];
  }

  /**
   * Would these reservations fit, if `replacing`'s current reservations were released first?
   * Returns the first arc and pool that would overbook.
   */
  admit(reservations: readonly Reservation[], replacing?: string): Admission {
    const mine = replacing !== undefined ? this.reservationsOf(replacing) : [];
    const need = new Map<string, { arc: ArcId; pool: string; mbps: number }>();
    for (const r of reservations) {
      const key = `${r.arc}\u0000${r.pool}`;
      need.set(key, { arc: r.arc, pool: r.pool, mbps: (need.get(key)?.mbps ?? 0) + r.mbps });
    }
    const sorted = [...need.values()].sort((x, y) => (x.arc < y.arc ? -1 : x.arc > y.arc ? 1 : 0));
    for (const n of sorted) {
      const freeMbps = this.free(n.arc, n.pool) + this.heldBack(mine, n.arc, n.pool);
      if (n.mbps > freeMbps + EPS) {
        return {
          ok: false,
          arc: n.arc,
          pool: n.pool,
          requestedMbps: n.mbps,
          freeMbps: Math.max(0, freeMbps),
        };
      }
    }
    return { ok: true };
  }

  /** Set an intent's reservations (empty releases them). Does not check admission: call `admit` first. */
  replace(intent: string, reservations: readonly Reservation[]): void {
    for (const r of this.byIntent.get(intent) ?? []) {
      const intents = this.held.get(r.arc)?.get(r.pool);
      const mbps = intents?.get(intent);
      if (!intents || mbps === undefined) continue;
      intents.delete(intent);
      this.add(r.arc, r.pool, -mbps, intents.size === 0);
    }
    this.byIntent.delete(intent);
    if (reservations.length === 0) return;
    for (const r of reservations) this.capacity(r.arc);
    for (const r of reservations) {
      const pools = this.held.get(r.arc) ?? new Map<string, Map<string, number>>();
      this.held.set(r.arc, pools);
      const intents = pools.get(r.pool) ?? new Map<string, number>();
      pools.set(r.pool, intents);
      intents.set(intent, (intents.get(intent) ?? 0) + r.mbps);
      this.add(r.arc, r.pool, r.mbps, false);
    }
    this.byIntent.set(intent, [...reservations]);
  }

  release(intent: string): void {
    this.replace(intent, []);
  }

  /** Can this slice be created (or changed) without breaking what is already reserved? */
  checkSlice(slice: SliceSpec): Admission {
    const hardShare = (s: SliceSpec): number => (s.isolation === 'hard' ? (s.bandwidthShare ?? 0) : 0);
    const others = [...this.slices.values()].filter((s) => s.name !== slice.name);
    const hardTotal = others.reduce((t, s) => t + hardShare(s), 0) + hardShare(slice);
    for (const arc of this.topology.arcs()) {
      const cap = arc.capacityMbps;
      if (hardTotal > 1 + EPS) return overbooked(arc.id, slice.name, hardShare(slice) * cap, 0);
      const common = cap - hardTotal * cap;
      const commonHeld = this.reserved(arc.id) - this.hardReservedExcept(arc.id, slice);
      const ownHeld = this.reserved(arc.id, slice.name);
      const ownCap = (slice.bandwidthShare ?? 0) * cap;
      if (poolOf(slice) !== SHARED_POOL && ownHeld > ownCap + EPS) {
        return overbooked(arc.id, slice.name, ownHeld, ownCap);
      }
      const holdsCommon = slice.isolation !== 'hard' ? commonHeld : commonHeld - ownHeld;
      if (holdsCommon > common + EPS) return overbooked(arc.id, SHARED_POOL, holdsCommon, common);
    }
    return { ok: true };
  }

  private sumHardShares(): number {
    let share = 0;
    for (const s of this.slices.values()) if (s.isolation === 'hard') share += s.bandwidthShare ?? 0;
    return share;
  }

  private hardHeld(cap: number): number {
    return this.hardShare * cap;
  }

  /** Reserved in the shared pool and in soft slices (everything drawn from the common capacity). */
  private commonReserved(arc: ArcId): number {
    return this.common.get(arc) ?? 0;
  }

  /**
   * Adds `mbps` (negative to remove) to the running totals of an arc's pool. A pool's isolation cannot change
   * while it holds reservations (slices in use are neither changed nor deleted), so the common total stays exact;
   * an emptied pool is reset to 0 and the arc's common total recomputed, so rounding never accumulates.
   */
  private add(arc: ArcId, pool: string, mbps: number, emptied: boolean): void {
    const totals = this.totals.get(arc) ?? new Map<string, number>();
    this.totals.set(arc, totals);
    totals.set(pool, emptied ? 0 : (totals.get(pool) ?? 0) + mbps);
    if (!emptied) {
      if (!this.isHard(pool)) this.common.set(arc, (this.common.get(arc) ?? 0) + mbps);
      return;
    }
    let common = 0;
    for (const [p, t] of totals) if (!this.isHard(p)) common += t;
    this.common.set(arc, common);
  }

  private isHard(pool: string): boolean {
    return this.slices.get(pool)?.isolation === 'hard';
  }

  private hardReservedExcept(arc: ArcId, slice: SliceSpec): number {
    let total = 0;
    for (const s of this.slices.values()) {
      if (s.isolation === 'hard' && s.name !== slice.name) total += this.reserved(arc, s.name);
    }
    return total;
  }

  /** Bandwidth the replaced intent holds on this arc and pool, which it gives back for the new plan. */
  private heldBack(mine: readonly Reservation[], arc: ArcId, pool: string): number {
    let back = 0;
    for (const r of mine) if (r.arc === arc && r.pool === pool) back += r.mbps;
    return back;
  }
}

function sum(values: Iterable<number> | undefined): number {
  let t = 0;
  if (values) for (const v of values) t += v;
  return t;
}

function overbooked(arc: ArcId, pool: string, requestedMbps: number, freeMbps: number): Admission {
  return { ok: false, arc, pool, requestedMbps, freeMbps: Math.max(0, freeMbps) };
}
