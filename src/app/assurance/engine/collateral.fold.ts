import type { IncidentClass } from '../../../ports/event-bus.port';
import type { Finding, LoopObservation } from '../assurance-engine';
import { LinkLoads } from './surge-root';

export interface CollateralOptions {
  /** Load symptoms on links a path moved onto (a repair, a reconvergence) this recently are the move's doing. */
  readonly afterMoveMs: number;
  /** A folded symptom stays folded while seen again within `gapMs` of its last sighting, at most `holdMs`. */
  readonly gapMs: number;
  readonly holdMs: number;
  /** A congestion explains latency elsewhere for at most this long after it began (a hot link drops for good). */
  readonly surgeMs: number;
  /** Load explains a symptom only where a link's utilisation rose at least this much since the cause. */
  readonly minRise: number;
  /**
   * Queueing a load rise adds on a link that drops nothing stays below this (µs); a larger shift there is a
   * fault of its own (a full buffer, i.e. discards, is what adds tens of ms).
   */
  readonly maxQueueingUs: number;
  /**
   * A dropping link folds into a congestion only when the congestion's offered-load rise is at least this
   * many times its own (ADR 0150: the root's whole load surged, a neighbour's only in part).
   */
  readonly rootMargin: number;
}

export const DEFAULT_COLLATERAL: CollateralOptions = {
  afterMoveMs: 15_000,
  gapMs: 5_000,
  holdMs: 120_000,
  surgeMs: 60_000,
  minRise: 0.05,
  maxQueueingUs: 1_000,
  rootMargin: 1.25,
};

/** What load does to a link besides a fault of its own: queueing delay (never loss, errors or a failure). */
const QUEUEING: IncidentClass = 'latency';

interface Host {
  readonly cls: IncidentClass;
  readonly elements: ReadonlySet<string>;
  /** The elements and the congestion its surge spread to (folded into it). */
  readonly footprint: Set<string>;
  readonly since: number;
  lastAt: number;
  /** A congestion's largest offered-load rise seen on its link, and when that link began to drop. */
  rise?: number;
  dropStart?: number;
}

interface Folded {
  readonly why: string;
  readonly since: number;
  lastAt: number;
}

/**
 * One fault, one incident (ADR 0139): latency findings that an earlier fault's load or a move of traffic
 * explains are folded before any incident opens for them.
 *
 * - **Moved traffic**: a path whose route changed (a repair, a rollback, IGP reconvergence) adds its load to
 *   the links it now crosses; a latency finding placed on such a link within `afterMoveMs`, where the load
 *   rose, is that move's queueing, not a fault.
 * - **Surge footprint**: a congestion is a surge of the demands crossing one link, and those demands load every
 *   link they cross. While the congestion lasts and for `afterMoveMs` after (its queues drain, the latency
 *   detector's window flushes; it lasts while its link drops packets or its finding is seen), a
 *   latency finding at least half of whose alarmed paths cross its footprint (its link and the links that
 *   started dropping with it: the full queues), or whose link's load rose with it, is the same fault.
 *
 * - **Surge spread** (ADR 0150): a congestion (or delay) on a dropping link folds into an ongoing congestion
 *   whose offered-load rise was `rootMargin` times its own or more (the root's whole load surged); the kept
 *   congestion takes its alarmed paths, so its incident repairs them. Close rises: both stand.
 *
 * Loss, CRC errors and hard faults never fold. A finding on the elements of a fault already seen is never
 * folded (the loop matches it to its incident); a latency fault raises no load, so it is folded only where
 * every measurement also fits the load. A fold lasts while seen again within `gapMs`, at most `holdMs`.
 */
export class CollateralFold {
  private readonly hosts = new Map<string, Host>();
  private readonly routes = new Map<string, string>();
  private readonly movedOnto = new Map<string, number>();
  private readonly folded = new Map<string, Folded>();
  private readonly loads = new LinkLoads();
  /** The congestion (its class key) the last `explain` folded a finding into as its surge's spread. */
  private spreadFrom: string | undefined;

  constructor(readonly options: CollateralOptions = DEFAULT_COLLATERAL) {}

  /** This interval's findings less the folded ones; a kept finding's evidence lists what folded into it. */
  apply(findings: readonly Finding[], obs: LoopObservation): Finding[] {
    this.observeMoves(obs);
    this.loads.observe(obs);
    this.expire(obs.at);
    const discards = (f: Finding) => Math.max(0, ...f.equivalenceClass.map((e) => this.loads.discards(e)));
    const rise = (f: Finding) => this.loads.rise(this.members(f)) ?? -1;
    const rank = (f: Finding) => (f.class !== QUEUEING ? 0 : 1);
    // the likeliest root of a surge first (largest offered-load rise): it hosts what its surge spread to
    const order = [...findings].sort(
      (a, b) => rank(a) - rank(b) || rise(b) - rise(a) || discards(b) - discards(a),
    );
    const kept = new Map<Finding, string[]>();
    /** Per congestion (its class key), the alarmed paths of the overload its surge spread to: its incident's. */
    const spread = new Map<string, Set<string>>();
    for (const f of order) {
      this.spreadFrom = undefined;
      const why = f.class === QUEUEING || f.class === 'congestion' ? this.explain(f, obs) : undefined;
      if (why === undefined) {
        kept.set(f, []);
        this.host(f, obs.at);
        continue;
      }
      const note = `${f.class} on ${f.equivalenceClass.join('/')}: ${why}`;
      for (const [k, notes] of kept) if (k.class === 'congestion') notes.push(note);
      const root = this.spreadFrom;
      if (root !== undefined) spread.set(root, new Set([...(spread.get(root) ?? []), ...f.paths]));
    }
    return findings
      .filter((f) => kept.has(f))
      .map((f) => {
        const notes = kept.get(f)!;
        const more = f.class === 'congestion' ? spread.get(f.equivalenceClass.join()) : undefined;
        const paths = more ? [...new Set([...f.paths, ...more])] : f.paths;
        return notes.length === 0 && paths === f.paths
          ? f
          : { ...f, paths, evidence: { ...(f.evidence as object), collateral: notes } };
      });
  }

  /** Why `f` is collateral of an earlier fault or a move, or undefined when it is a fault of its own. */
  private explain(f: Finding, obs: LoopObservation): string | undefined {
    const at = obs.at;
    const key = f.equivalenceClass.join();
    if (this.seenAsFault(f)) return undefined;
    // a congested link, or delay on one, is the surge's spread only when its load rose less than the root's
    if (f.class === 'congestion') return this.spread(f, obs);
    const prior = this.folded.get(key);
    const within =
      prior && at - prior.lastAt <= this.options.gapMs && at - prior.since <= this.options.holdMs;
    if (prior && within && this.queueing(f)) {
      prior.lastAt = at;
      return prior.why;
    }
    // delay on a link that drops packets is congestion: folded only as a surge's spread, like one
    if (this.members(f).some((e) => this.loads.discards(e) > 0)) return this.spread(f, obs);
    const why = this.moved(f, at) ?? this.surge(f, obs);
    if (why !== undefined) this.folded.set(key, { why, since: at, lastAt: at });
    return why;
  }

  /**
   * The finding's delay excess is one a load rise can add without congesting: small, on links that drop
   * nothing (a link that drops packets is congested).
   */
  private queueing(f: Finding): boolean {
    if (this.members(f).some((e) => this.loads.discards(e) > 0)) return false;
    const loc =
      (f.evidence as { localisation?: { kind?: string; rate?: number }[] } | null)?.localisation ?? [];
    const excess = Math.max(0, ...loc.filter((l) => l.kind === 'latency').map((l) => l.rate ?? 0));
    return excess <= this.options.maxQueueingUs;
  }

  /** The class's links, or its nodes when it names none (a fold must explain every one of them). */
  private members(f: Finding): string[] {
    const links = f.equivalenceClass.filter((e) => this.loads.known(e));
    return links.length > 0 ? links : [...f.equivalenceClass];
  }

  private seenAsFault(f: Finding): boolean {
    for (const h of this.hosts.values()) if (f.equivalenceClass.some((e) => h.elements.has(e))) return true;
    return false;
  }

  private moved(f: Finding, at: number): string | undefined {
    // every link of the class (its nodes when it has none) took moved traffic and more load
    const members = this.members(f);
    if (members.length === 0 || !this.queueing(f)) return undefined;
    if (!members.every((e) => this.movedOnto.has(e) && this.rose(e, this.movedOnto.get(e)!)))
      return undefined;
    const onto = members[0]!;
    return `traffic moved onto ${onto} ${(at - this.movedOnto.get(onto)!) / 1000} s ago and its load rose`;
  }

  private rose(element: string, since: number): boolean {
    return this.loads.rose(element, since, this.options.minRise);
  }

  /** A congestion host still explains load: it lasts while its link drops, and shortly after. */
  private alive(h: Host, at: number): boolean {
    if (h.cls !== 'congestion') return false;
    // it lasts while its link drops packets (the discard detector may have learned the rate as normal)
    if ([...h.elements].some((e) => this.loads.discards(e) > 0)) h.lastAt = at;
    return at - h.lastAt <= this.options.afterMoveMs && at - h.since <= this.options.surgeMs;
  }

  /**
   * A dropping link an ongoing congestion's surge spread to (ADR 0150): it began dropping with the root or
   * after, shares a probed path with it (or began together), and its offered load rose ≤ 1/`rootMargin` as much.
   */
  private spread(f: Finding, obs: LoopObservation): string | undefined {
    const links = this.members(f);
    if (links.length === 0 || !links.every((l) => this.loads.discards(l) > 0)) return undefined;
    const rise = this.loads.rise(links);
    if (rise === undefined) return undefined;
    const starts = links.map((l) => this.loads.dropStart(l));
    for (const [key, h] of this.hosts) {
      if (!this.alive(h, obs.at) || h.rise === undefined || h.dropStart === undefined) continue;
      if (rise * this.options.rootMargin > h.rise) continue;
      const step = obs.intervalMs;
      if (!starts.every((s) => s !== undefined && s >= h.dropStart! - step)) continue;
      // the surge's demands cross both (seen on a probed path), or both began dropping in the same breath
      // (unprobed demands carry the surge too)
      const shared = obs.paths.filter(
        (p) => p.links.some((l) => h.elements.has(l.link)) && p.links.some((l) => links.includes(l.link)),
      ).length;
      const together = starts.every((s) => s! <= h.dropStart! + 2 * step);
      if (shared === 0 && !together) continue;
      for (const l of links) h.footprint.add(l);
      this.spreadFrom = key;
      const how = shared > 0 ? `${shared} paths cross both` : 'both began dropping together';
      return `overload spread by the congestion on ${key}: offered load x${rise.toFixed(1)} here, x${h.rise.toFixed(1)} there, ${how}`;
    }
    return undefined;
  }

  private surge(f: Finding, obs: LoopObservation): string | undefined {
    for (const [key, h] of this.hosts) {
      if (!this.alive(h, obs.at)) continue;
      // links that drop packets and whose load rose with it are queues of its surge
      for (const l of obs.links)
        if ((l.discardsPs ?? 0) > 0 && !h.footprint.has(l.link) && this.rose(l.link, h.since))
          h.footprint.add(l.link);
      const over = new Set(
        obs.paths
          .filter(
            (p) => p.links.some((l) => h.footprint.has(l.link)) || p.nodes.some((n) => h.footprint.has(n)),
          )
          .map((p) => p.id),
      );
      // its queues explain the delay of the paths crossing them, for as long as it lasts
      const crossing = f.paths.filter((p) => over.has(p)).length;
      if (crossing > 0 && 2 * crossing >= f.paths.length)
        return `queueing of the congestion on ${key}: ${crossing} of ${f.paths.length} alarmed paths cross it`;
      // a surge loads every link its demands cross: their load rose with it (a latency fault does not)
      const members = this.members(f);
      const rose =
        members.length > 0 && this.queueing(f) && members.every((e) => this.rose(e, h.since))
          ? members[0]
          : undefined;
      if (rose === undefined) continue;
      for (const e of f.equivalenceClass) h.footprint.add(e);
      return `load surge of the congestion on ${key}: load on ${rose} rose with it`;
    }
    return undefined;
  }

  private host(f: Finding, at: number): void {
    const key = f.equivalenceClass.join();
    let h = this.hosts.get(key);
    if (h && h.cls === f.class) h.lastAt = at;
    else {
      h = {
        cls: f.class,
        elements: new Set(f.equivalenceClass),
        footprint: new Set(f.equivalenceClass),
        since: at,
        lastAt: at,
      };
      this.hosts.set(key, h);
    }
    if (f.class !== 'congestion') return;
    const links = this.members(f);
    const rise = this.loads.rise(links);
    if (rise !== undefined) h.rise = Math.max(h.rise ?? 0, rise);
    const starts = links.map((l) => this.loads.dropStart(l)).filter((s) => s !== undefined);
    if (starts.length > 0) h.dropStart = Math.min(h.dropStart ?? Infinity, ...starts);
  }

  /** Links and transit nodes a path started crossing when its route changed. */
  private observeMoves(obs: LoopObservation): void {
    for (const p of obs.paths) {
      const route = p.links.map((l) => l.arc).join();
      const before = this.routes.get(p.id);
      this.routes.set(p.id, route);
      if (before === undefined || before === route) continue;
      const old = new Set(before.split(','));
      for (const l of p.links) if (!old.has(l.arc)) this.movedOnto.set(l.link, obs.at);
      for (const l of p.links.slice(0, -1)) if (!old.has(l.arc)) this.movedOnto.set(l.to, obs.at);
    }
  }

  private expire(at: number): void {
    const o = this.options;
    for (const [k, t] of this.movedOnto) if (at - t > o.afterMoveMs) this.movedOnto.delete(k);
    for (const [k, h] of this.hosts) if (at - h.lastAt > o.holdMs) this.hosts.delete(k);
    for (const [k, f] of this.folded)
      if (at - f.lastAt > o.gapMs || at - f.since > o.holdMs) this.folded.delete(k);
  }
}
