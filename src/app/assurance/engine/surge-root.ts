import type { LoopObservation } from '../assurance-engine';

/**
 * Which congested link is a surge's root (ADR 0150). A congestion multiplies the demands crossing one link by
 * a factor F: that link's whole offered load rises F-fold, while a link the surged demands also cross sees
 * its load rise by 1 + (F − 1)·s/u (s ≤ u the share it carries of them) ≤ F. Upstream drops only lower what
 * reaches a link, so the root has the largest rise of offered load, even where a busier neighbour drops more.
 * Offered load is not carried load: a saturated link carries its capacity and drops the rest, so it is read
 * as carried utilisation ÷ (1 − its drop ratio), the drop ratio from the probes of the paths crossing it.
 */

/** Paths with fewer probes than this say too little about a drop ratio. */
const MIN_PROBES = 100;
/** A drop ratio above this reads as a link that delivers (almost) nothing: offered load is not inferable. */
const MAX_DROP = 0.95;

/**
 * Per discarding arc (a congestion is one direction), its drop ratio as the probes see it. A path delivers
 * the product of its arcs' deliveries, so bounds tighten in turns: an arc drops at most what the path that
 * crosses it loses once the other arcs' least drops are divided out (upper), and at least what remains once
 * their largest drops are (lower); a few rounds from lower = 0 settle both. The upper bound is returned.
 */
export function dropRatios(obs: LoopObservation): Map<string, number> {
  const dropping = new Set(obs.links.filter((l) => (l.discardsPs ?? 0) > 0).map((l) => l.arc));
  const rows = obs.paths
    .filter((p) => p.probesSent >= MIN_PROBES)
    .map((p) => ({
      loss: p.probesLost / p.probesSent,
      hops: [...new Set(p.links.filter((h) => dropping.has(h.arc) && h.share >= 1).map((h) => h.arc))],
    }))
    .filter((r) => r.hops.length > 0);
  /** The drop on `a` that path `r` implies when the other arcs drop `other`. */
  const implied = (r: (typeof rows)[number], a: string, other: ReadonlyMap<string, number>) => {
    const rest = r.hops.filter((x) => x !== a).reduce((k, x) => k * (1 - (other.get(x) ?? 0)), 1);
    return Math.min(1, Math.max(0, 1 - (1 - r.loss) / Math.max(rest, 1e-6)));
  };
  let lower = new Map<string, number>();
  let upper = new Map<string, number>();
  for (let round = 0; round < 4; round++) {
    const up = new Map<string, number>();
    for (const r of rows) for (const a of r.hops) up.set(a, Math.min(up.get(a) ?? 1, implied(r, a, lower)));
    const low = new Map<string, number>();
    for (const r of rows) for (const a of r.hops) low.set(a, Math.max(low.get(a) ?? 0, implied(r, a, up)));
    upper = up;
    lower = low;
  }
  return upper;
}

/** One link's utilisation and discards over the last intervals (oldest first). */
export type LoadHistory = readonly { readonly at: number; readonly u: number; readonly d: number }[];

type Row = { at: number; u: number; d: number };

const push = (m: Map<string, Row[]>, key: string, row: Row): void => {
  const xs = m.get(key) ?? [];
  xs.push(row);
  if (xs.length > 30) xs.shift();
  m.set(key, xs);
};

/**
 * Per link (the higher of its two directions) and per arc, load and discards over the last 30 intervals;
 * this interval's discards, probe-seen drop ratios per arc, and which links leave each node.
 */
export class LinkLoads {
  private readonly load = new Map<string, Row[]>();
  private readonly arcLoad = new Map<string, Row[]>();
  private readonly arcsOf = new Map<string, string[]>();
  private drops = new Map<string, number>();
  private ratios = new Map<string, number>();
  private readonly nodeLinks = new Map<string, string[]>();

  observe(obs: LoopObservation): void {
    const drops = new Map<string, number>();
    for (const l of obs.links) drops.set(l.link, Math.max(drops.get(l.link) ?? 0, l.discardsPs ?? 0));
    this.drops = drops;
    this.ratios = dropRatios(obs);
    const u = new Map<string, number>();
    for (const l of obs.links) {
      const ls = this.nodeLinks.get(l.from) ?? [];
      if (!ls.includes(l.link)) this.nodeLinks.set(l.from, [...ls, l.link]);
      const arcs = this.arcsOf.get(l.link) ?? [];
      if (!arcs.includes(l.arc)) this.arcsOf.set(l.link, [...arcs, l.arc]);
      if (l.utilisation === undefined) continue;
      u.set(l.link, Math.max(u.get(l.link) ?? 0, l.utilisation));
      push(this.arcLoad, l.arc, { at: obs.at, u: l.utilisation, d: l.discardsPs ?? 0 });
    }
    for (const [link, v] of u) push(this.load, link, { at: obs.at, u: v, d: drops.get(link) ?? 0 });
  }

  /** A link with a load history (not a node, not a policy). */
  known(element: string): boolean {
    return this.load.has(element);
  }

  /** This interval's discards/s on the element (0 for a node or an unknown link). */
  discards(element: string): number {
    return this.drops.get(element) ?? 0;
  }

  /**
   * The link's utilisation now exceeds its lowest in the 5 intervals before `since` by `minRise`, or it
   * started dropping since (carried load saturates at capacity: a hot link a surge tips over drops instead);
   * a node: any of its links did.
   */
  rose(element: string, since: number, minRise: number): boolean {
    const links = this.nodeLinks.get(element);
    if (links) return links.some((l) => this.rose(l, since, minRise));
    const xs = this.load.get(element) ?? [];
    const before = xs.filter((x) => x.at < since).slice(-5);
    const now = xs[xs.length - 1];
    if (before.length === 0 || !now || now.at < since) return false;
    const startedDropping = now.d > 0 && before.every((x) => x.d === 0);
    return startedDropping || now.u - Math.min(...before.map((x) => x.u)) >= minRise;
  }

  /** The largest offered-load rise among the arcs of `links` (undefined when none can be read). */
  rise(links: readonly string[]): number | undefined {
    const xs = links
      .flatMap((l) => this.arcsOf.get(l) ?? [])
      .map((a) => offeredRise(this.arcLoad.get(a) ?? [], this.ratios.get(a)))
      .filter((x): x is number => x !== undefined);
    return xs.length === 0 ? undefined : Math.max(...xs);
  }

  /** When the link's current run of discarding intervals began (undefined when it drops nothing now). */
  dropStart(link: string): number | undefined {
    const xs = (this.arcsOf.get(link) ?? [])
      .map((a) => dropStart(this.arcLoad.get(a) ?? []))
      .filter((x): x is number => x !== undefined);
    return xs.length === 0 ? undefined : Math.min(...xs);
  }
}

/** When the link's current run of discarding intervals began; undefined when it drops nothing now. */
export function dropStart(xs: LoadHistory): number | undefined {
  let k = xs.length - 1;
  if (k < 0 || xs[k]!.d <= 0) return undefined;
  while (k > 0 && xs[k - 1]!.d > 0) k--;
  return xs[k]!.at;
}

/**
 * How many times its offered load the link carries now against before it started dropping: offered now
 * (carried ÷ (1 − drop ratio)) over the lowest utilisation of the 5 intervals before the drops began.
 * Undefined when the link drops nothing, its history does not reach back before the drops, or the probes
 * see it deliver almost nothing.
 */
export function offeredRise(xs: LoadHistory, drop: number | undefined): number | undefined {
  const start = dropStart(xs);
  const now = xs[xs.length - 1];
  if (start === undefined || !now) return undefined;
  const before = xs.filter((x) => x.at < start).slice(-5);
  if (before.length === 0 || (drop ?? 0) > MAX_DROP) return undefined;
  const offered = now.u / (1 - (drop ?? 0));
  return offered / Math.max(0.01, Math.min(...before.map((x) => x.u)));
}
