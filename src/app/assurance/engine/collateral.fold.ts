import type { IncidentClass } from '../../../ports/event-bus.port';
import type { Finding, LoopObservation } from '../assurance-engine';

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
}

export const DEFAULT_COLLATERAL: CollateralOptions = {
  afterMoveMs: 15_000,
  gapMs: 5_000,
  holdMs: 120_000,
  surgeMs: 60_000,
  minRise: 0.05,
  maxQueueingUs: 1_000,
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
 * Only latency folds. A congestion never does: which congested link is a surge's root cannot be told from
 * counters (links downstream of it often drop more), so each keeps its own incident. Loss, CRC errors and hard
 * faults are never load's doing. A latency finding on the elements of a fault already seen is never folded (the
 * loop matches it to its incident), so a second fault elsewhere always opens its own incident; a latency fault
 * raises no load, so it is folded only where every measurement also fits the load (then no probe can tell).
 * A folded symptom stays folded while it persists (seen again within `gapMs`, at most `holdMs`).
 */
export class CollateralFold {
  private readonly hosts = new Map<string, Host>();
  private readonly routes = new Map<string, string>();
  private readonly movedOnto = new Map<string, number>();
  private readonly folded = new Map<string, Folded>();
  /** Per link, its utilisation over the last intervals (the highest of its two directions). */
  private readonly load = new Map<string, { at: number; u: number; d: number }[]>();
  /** This interval's discards per link (the highest of its two directions). */
  private drops = new Map<string, number>();
  private readonly nodeLinks = new Map<string, string[]>();

  constructor(readonly options: CollateralOptions = DEFAULT_COLLATERAL) {}

  /** This interval's findings less the folded ones; a kept finding's evidence lists what folded into it. */
  apply(
    findings: readonly Finding[],
    obs: LoopObservation,
    unexplained: ReadonlySet<string> = new Set(),
  ): Finding[] {
    const drops = new Map<string, number>();
    for (const l of obs.links) drops.set(l.link, Math.max(drops.get(l.link) ?? 0, l.discardsPs ?? 0));
    this.drops = drops;
    this.observeMoves(obs);
    this.observeLoad(obs);
    this.expire(obs.at);
    const discards = (f: Finding) => this.discards(f.equivalenceClass);
    const rank = (f: Finding) => (f.class !== QUEUEING ? 0 : 1);
    const order = [...findings].sort((a, b) => rank(a) - rank(b) || discards(b) - discards(a));
    const kept = new Map<Finding, string[]>();
    for (const f of order) {
      // a path the link model says is slower than its links' load makes it is not load's doing (ADR 0173)
      const why =
        f.class === QUEUEING && !f.paths.some((p) => unexplained.has(p)) ? this.explain(f, obs) : undefined;
      if (why === undefined) {
        kept.set(f, []);
        this.host(f, obs.at);
        continue;
      }
      const note = `${f.class} on ${f.equivalenceClass.join('/')}: ${why}`;
      for (const [k, notes] of kept) if (k.class === 'congestion') notes.push(note);
    }
    return findings
      .filter((f) => kept.has(f))
      .map((f) => {
        const notes = kept.get(f)!;
        return notes.length === 0 ? f : { ...f, evidence: { ...(f.evidence as object), collateral: notes } };
      });
  }

  /** Why `f` is collateral of an earlier fault or a move, or undefined when it is a fault of its own. */
  private explain(f: Finding, obs: LoopObservation): string | undefined {
    const at = obs.at;
    const key = f.equivalenceClass.join();
    if (this.seenAsFault(f)) return undefined;
    const prior = this.folded.get(key);
    const within =
      prior && at - prior.lastAt <= this.options.gapMs && at - prior.since <= this.options.holdMs;
    if (prior && within && this.queueing(f)) {
      prior.lastAt = at;
      return prior.why;
    }
    // a link that drops packets is congested: a congestion is never folded, even when seen as delay first
    if (this.members(f).some((e) => (this.drops.get(e) ?? 0) > 0)) return undefined;
    const why = this.moved(f, at) ?? this.surge(f, obs);
    if (why !== undefined) this.folded.set(key, { why, since: at, lastAt: at });
    return why;
  }

  /**
   * The finding's delay excess is one a load rise can add without congesting: small, on links that drop
   * nothing. A link that drops packets is a congestion, never folded (its root cannot be told).
   */
  private queueing(f: Finding): boolean {
    if (this.members(f).some((e) => (this.drops.get(e) ?? 0) > 0)) return false;
    const loc =
      (f.evidence as { localisation?: { kind?: string; rate?: number }[] } | null)?.localisation ?? [];
    const excess = Math.max(0, ...loc.filter((l) => l.kind === 'latency').map((l) => l.rate ?? 0));
    return excess <= this.options.maxQueueingUs;
  }

  /** The class's links, or its nodes when it names none (a fold must explain every one of them). */
  private members(f: Finding): string[] {
    const links = f.equivalenceClass.filter((e) => this.load.has(e));
    return links.length > 0 ? links : [...f.equivalenceClass];
  }

  private discards(elements: readonly string[]): number {
    return Math.max(0, ...elements.map((e) => this.drops.get(e) ?? 0));
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

  /** The link's utilisation now exceeds its lowest in the intervals before `since` by `minRise`. */
  private rose(element: string, since: number): boolean {
    const links = this.nodeLinks.get(element);
    if (links) return links.some((l) => this.rose(l, since));
    const xs = this.load.get(element) ?? [];
    const before = xs.filter((x) => x.at < since).slice(-5);
    const now = xs[xs.length - 1];
    if (before.length === 0 || !now || now.at < since) return false;
    // carried load saturates at capacity: a hot link the surge tips over starts dropping instead
    const startedDropping = now.d > 0 && before.every((x) => x.d === 0);
    return startedDropping || now.u - Math.min(...before.map((x) => x.u)) >= this.options.minRise;
  }

  private observeLoad(obs: LoopObservation): void {
    const u = new Map<string, number>();
    for (const l of obs.links) {
      const ls = this.nodeLinks.get(l.from) ?? [];
      if (!ls.includes(l.link)) this.nodeLinks.set(l.from, [...ls, l.link]);
    }
    for (const l of obs.links)
      if (l.utilisation !== undefined) u.set(l.link, Math.max(u.get(l.link) ?? 0, l.utilisation));
    for (const [link, v] of u) {
      const xs = this.load.get(link) ?? [];
      xs.push({ at: obs.at, u: v, d: this.drops.get(link) ?? 0 });
      if (xs.length > 30) xs.shift();
      this.load.set(link, xs);
    }
  }

  private surge(f: Finding, obs: LoopObservation): string | undefined {
    const dropping = new Set(obs.links.filter((l) => (l.discardsPs ?? 0) > 0).map((l) => l.link));
    for (const [key, h] of this.hosts) {
      if (h.cls !== 'congestion') continue;
      // it lasts while its link drops packets (the discard detector may have learned the rate as normal)
      if ([...h.elements].some((e) => dropping.has(e))) h.lastAt = obs.at;
      if (obs.at - h.lastAt > this.options.afterMoveMs || obs.at - h.since > this.options.surgeMs) continue;
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
    const h = this.hosts.get(key);
    if (h && h.cls === f.class) h.lastAt = at;
    else
      this.hosts.set(key, {
        cls: f.class,
        elements: new Set(f.equivalenceClass),
        footprint: new Set(f.equivalenceClass),
        since: at,
        lastAt: at,
      });
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
