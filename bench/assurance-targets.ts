import { simStateReport } from '../simulators/engine';
import type { FaultType } from '../simulators/engine';
import { DEFAULT_LATENCY_OPTIONS } from '../src/core/assurance';
import type { Rig } from './assurance-rig';

export const LINK_CLASSES: ReadonlySet<FaultType> = new Set([
  'link-down',
  'gray-loss',
  'latency',
  'flap',
  'crc',
  'congestion',
]);

/** Elements faulted within this window are not picked again while others exist (flap damping is 3 in 600 s). */
const RECENT_MS = 600_000;

/** A fault chosen for a scenario, before it is injected. */
export interface Planned {
  readonly type: FaultType;
  readonly target: string;
  readonly params: Record<string, number>;
  /** Latency: the σ of the per-interval delay of the policies crossing the link (warm-up window). */
  readonly sigmaUs?: number;
  /** Elements any related incident names (the element itself, and a faulty node's links). */
  readonly related: ReadonlySet<string>;
}

/**
 * Picks fault targets the controller's probes or events can see: links and transit nodes of in-service
 * intents, their policies, their headends; sizes each fault (a latency shift is k·σ of the probes crossing the
 * link, measured from the delays `observe` collects); avoids elements faulted within the last 10 minutes
 * while others exist.
 */
export class TargetPicker {
  /** Targets that had to be an element faulted within the last 10 minutes (no other was left). */
  reusedRecent = 0;
  /** Per policy, recent probe delays (µs) as reported, for the latency shift's σ. */
  private readonly delays = new Map<string, number[]>();
  /** Faulted elements and when (network ms). */
  private readonly recent = new Map<string, number>();

  constructor(
    private readonly rig: Rig,
    private readonly r: () => number,
    /**
     * Latency shifts are k·σ with σ = max(measured σ, this floor): the latency detector's stated resolution,
     * read from its defaults (`minSigmaUs`, 1 µs: PTP-class timestamping, ADR 0130) — 0 measures against the
     * raw σ of the simulated probes.
     */
    private readonly sigmaFloorUs = DEFAULT_LATENCY_OPTIONS.minSigmaUs,
    /**
     * Latency shifts drawn uniformly from this range (µs) instead of k·σ: the gross shifts an operator injects
     * by hand (+20 ms), reported apart from the detection-limit campaigns.
     */
    private readonly latencyUs?: readonly [number, number],
  ) {}

  /** Takes one interval's probe delays (after the rig ticked). */
  observe(): void {
    for (const ne of this.rig.engine.nodeIds())
      for (const p of this.rig.engine.probes(ne)) {
        const k = `${ne}/${p.policy}`;
        const xs = this.delays.get(k) ?? [];
        if (p.probesSent > 0 && p.probesLost < p.probesSent) xs.push(p.delayUs);
        if (xs.length > 30) xs.shift();
        this.delays.set(k, xs);
      }
  }

  /** A target of class `type` that the controller's probes or events can see, distinct from `taken`. */
  plan(type: FaultType, taken: readonly Planned[]): Planned | undefined {
    const now = this.rig.nowMs();
    const used = new Set(taken.flatMap((p) => [...p.related]));
    const fresh = (x: string): boolean => now - (this.recent.get(x) ?? -Infinity) >= RECENT_MS;
    const chosen = this.choose(type, used, fresh);
    if (chosen) for (const x of chosen.related) this.recent.set(x, now);
    return chosen;
  }

  /** The largest noise σ (µs) among the policies crossing `link` (0.5 µs when none is known yet). */
  private linkSigma(pols: readonly { id: string; links: readonly string[] }[], link: string): number {
    const xs = pols
      .filter((p) => p.links.includes(link))
      .map((p) => sigma(this.delays.get(p.id) ?? []))
      .filter(Number.isFinite);
    return Math.max(0.5, ...xs);
  }

  private choose(
    type: FaultType,
    used: ReadonlySet<string>,
    fresh: (x: string) => boolean,
  ): Planned | undefined {
    const rig = this.rig;
    const r = this.r;
    const pols = rig.policies();
    if (pols.length === 0) return undefined;
    /** A random element, preferring ones not faulted recently. */
    const pick = (xs: readonly string[]): string | undefined => {
      const f = xs.filter(fresh);
      if (f.length === 0 && xs.length > 0) this.reusedRecent += 1;
      const from = f.length > 0 ? f : xs;
      return from.length ? from[Math.floor(r() * from.length)] : undefined;
    };
    const topo = rig.topology;
    /** A link fault is detected by an incident naming the link or one of its ends (a node hypothesis). */
    const linkRelated = (link: string): Set<string> => {
      const l = topo.link(link);
      return new Set([link, l.a, l.b]);
    };
    if (LINK_CLASSES.has(type)) {
      let links = [...new Set(pols.flatMap((p) => p.links))].filter((l) => !used.has(l));
      const params: Record<string, number> = {};
      if (type === 'congestion') {
        const util = new Map<string, number>();
        for (const s of simStateReport(rig.engine).links)
          util.set(s.link, Math.max(util.get(s.link) ?? 0, s.utilisation));
        links = links.filter((l) => (util.get(l) ?? 0) >= 0.05);
        const link = pick(links);
        if (!link) return undefined;
        params['factor'] = Math.min(1000, Math.max(1.5, (1.2 + 0.6 * r()) / util.get(link)!));
        return { type, target: link, params, related: linkRelated(link) };
      }
      // latency: only links whose crossing paths are steady (σ ≤ 1 ms), or the shift is not a 3σ test
      if (type === 'latency') {
        const steady = links.filter((l) => this.linkSigma(pols, l) <= 1000);
        if (steady.length > 0) links = steady;
      }
      const link = pick(links);
      if (!link) return undefined;
      if (type === 'gray-loss') params['percent'] = round(1 + 4 * r(), 2);
      if (type === 'crc') params['rate'] = round(0.002 + 0.018 * r(), 4);
      if (type === 'flap') params['periodMs'] = 2000 * (2 + Math.floor(4 * r()));
      if (type === 'latency') {
        const measured = this.linkSigma(pols, link);
        const s = Math.max(this.sigmaFloorUs, measured);
        const u = r();
        params['us'] = this.latencyUs
          ? Math.round(this.latencyUs[0] + u * (this.latencyUs[1] - this.latencyUs[0]))
          : Math.min(10_000_000, Math.ceil((3 + 3 * u) * s));
        return { type, target: link, params, sigmaUs: round(measured, 2), related: linkRelated(link) };
      }
      return { type, target: link, params, related: linkRelated(link) };
    }
    if (type === 'node-down') {
      const ends = new Set(pols.flatMap((p) => [p.nodes[0], p.nodes[p.nodes.length - 1]]));
      const transit = [...new Set(pols.flatMap((p) => p.nodes.slice(1, -1)))].filter((n) => !used.has(n));
      const node = pick(transit.filter((n) => !ends.has(n))) ?? pick(transit);
      if (!node) return undefined;
      return {
        type,
        target: node,
        params: {},
        related: new Set([node, ...topo.outArcs(node as never).map((a) => a.link as string)]),
      };
    }
    if (type === 'telemetry-gap') {
      const node = pick([...new Set(pols.map((p) => p.headend))].filter((n) => !used.has(n)));
      if (!node) return undefined;
      return { type, target: node, params: {}, related: new Set([node]) };
    }
    const pol = pick(pols.filter((p) => !used.has(p.id) && !used.has(p.headend)).map((p) => p.id));
    if (!pol) return undefined;
    return { type, target: pol, params: {}, related: new Set([pol]) };
  }
}

/**
 * Noise σ of a delay series, robust to level shifts (a reroute) and outliers: the MAD of successive
 * differences × 1.4826 ÷ √2.
 */
function sigma(xs: readonly number[]): number {
  if (xs.length < 5) return NaN;
  const d = xs.slice(1).map((x, i) => x - xs[i]!);
  const med = (v: number[]): number => {
    const s = [...v].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const m = med(d);
  return (1.4826 * med(d.map((x) => Math.abs(x - m)))) / Math.SQRT2;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;
