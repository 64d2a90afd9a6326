import type { Signal } from '../../../core/assurance';
import type { Finding, LoopObservation } from '../assurance-engine';
import { directFinding, driftFinding } from './direct.findings';

/**
 * How long a link that came back up still counts as part of its fault (network ms): a flap's up phase must not
 * resolve the incident its down phase opened (ADR 0138). Flaps the detector calls flaps (4 transitions in 60 s)
 * have up phases of a few seconds; IP event dampening holds a link for longer still.
 */
export const HOLD_DOWN_MS = 15_000;

/**
 * Per link, when it was last reported down (fresh reports only). A link up again for less than the hold-down
 * is "held": its incident stays open (one finding a held link keeps alive) and its flap alarms stand; once it
 * has been up for the whole hold-down, the flap's transition count (a 60 s window) no longer keeps the incident
 * open: the evidence is gone.
 */
export class LinkStability {
  private readonly lastDown = new Map<string, number>();

  constructor(private readonly holdMs = HOLD_DOWN_MS) {}

  update(obs: LoopObservation): void {
    for (const l of obs.links) if (!l.stale && l.status === 'down') this.lastDown.set(l.link, obs.at);
    for (const [link, t] of this.lastDown) if (obs.at - t > this.holdMs) this.lastDown.delete(link);
  }

  /** Seen down within the hold-down (down now, or up again for less than it). */
  unstable(link: string, at: number): boolean {
    const t = this.lastDown.get(link);
    return t !== undefined && at - t <= this.holdMs;
  }

  /** Links up again within the hold-down, not down now. */
  held(at: number, downNow: ReadonlySet<string>): string[] {
    return [...this.lastDown.keys()].filter((l) => !downNow.has(l) && this.unstable(l, at)).sort();
  }

  /** The finding that keeps a held link's incident open; it explains no path's symptom (no paths). */
  heldFinding(link: string, at: number): Finding {
    const since = at - (this.lastDown.get(link) ?? at);
    return {
      class: 'link-down',
      confidence: 1,
      classifier: 'rules',
      suspects: [{ kind: 'link', id: link, probability: 1 }],
      equivalenceClass: [link],
      paths: [],
      evidence: {
        signal: 'hold-down',
        detail: `${link}: up again for ${since / 1000} s, held down for ${this.holdMs / 1000} s (a flap's up phase)`,
      },
      probes: [],
    };
  }
}

/**
 * Nodes whose every link (two or more) is down in the same interval: the node failed before its silence is
 * known (its neighbours report the facing interfaces down at once, ON_CHANGE; silence takes a few intervals).
 * One node-down finding, not one link-down incident per link each repaired on its own (ADR 0138).
 */
export function isolatedNodes(
  downLinks: ReadonlySet<string>,
  nodeLinks: ReadonlyMap<string, readonly string[]>,
): string[] {
  const out: string[] = [];
  for (const [node, links] of nodeLinks)
    if (links.length >= 2 && links.every((l) => downLinks.has(l))) out.push(node);
  return out.sort();
}

/** One node-down finding for a node whose links all went down at once (or are all still held down). */
export function isolationFinding(
  node: string,
  links: readonly string[],
  obs: LoopObservation,
  held: boolean,
): Finding {
  const detail = held
    ? `${node}: its links ${links.join(', ')} are up again but still held down (hold-down)`
    : `${node}: all its links ${links.join(', ')} went down at once (the node is not yet known silent)`;
  return {
    class: 'node-down',
    confidence: 1,
    classifier: 'rules',
    suspects: [{ kind: 'node', id: node, probability: 1 }],
    equivalenceClass: [node],
    paths: held
      ? []
      : obs.paths
          .filter((p) => p.nodes.includes(node))
          .map((p) => p.id)
          .sort(),
    evidence: { signal: held ? 'hold-down' : 'link-down', detail, links: [...links] },
    probes: [],
  };
}

/**
 * The interval's direct findings (hard events, flaps, telemetry gaps, drift), one per fault: a node whose links
 * all went down is one node-down finding; a link up again within the hold-down keeps its fault alive; a flap
 * alarm on a link stable for the whole hold-down is dropped. Returns them, the elements they hold (no loss
 * finding is placed there), and the signals the rest of the engine uses (stale flap alarms removed).
 */
export function hardFindings(
  all: readonly Signal[],
  obs: LoopObservation,
  stability: LinkStability,
  nodeLinks: ReadonlyMap<string, readonly string[]>,
  linksOf: (arcs: readonly string[]) => string[],
): { out: Finding[]; hard: Set<string>; signals: Signal[] } {
  const at = obs.at;
  stability.update(obs);
  const signals = all.filter(
    (s) => s.kind !== 'flap' || linksOf(s.arcs ?? []).some((l) => stability.unstable(l, at)),
  );
  const out: Finding[] = [];
  const hard = new Set<string>();
  const down = new Set(signals.filter((s) => s.kind === 'link-down').flatMap((s) => linksOf(s.arcs ?? [])));
  const isolated = isolatedNodes(down, nodeLinks);
  const held = stability.held(at, down);
  const heldNodes = isolatedNodes(new Set([...down, ...held]), nodeLinks).filter(
    (n) => !isolated.includes(n),
  );
  const byNode = new Set([...isolated, ...heldNodes].flatMap((n) => nodeLinks.get(n) ?? []));
  for (const n of [...isolated, ...heldNodes]) {
    hard.add(n);
    out.push(isolationFinding(n, nodeLinks.get(n) ?? [], obs, heldNodes.includes(n)));
  }
  for (const l of [...down, ...held]) hard.add(l);
  for (const l of held) if (!byNode.has(l)) out.push(stability.heldFinding(l, at));
  for (const s of signals) {
    if (s.kind === 'link-down' || s.kind === 'flap') {
      const ls = linksOf(s.arcs ?? []);
      if (s.kind === 'link-down' && ls.every((l) => byNode.has(l))) continue;
      out.push(
        directFinding(
          s.kind,
          ls.map((id) => ({ kind: 'link' as const, id })),
          s,
          obs.paths,
        ),
      );
    } else if (s.kind === 'node-down' || s.kind === 'telemetry-gap') {
      for (const n of s.nodes ?? []) hard.add(n);
      const ns = (s.nodes ?? []).map((id) => ({ kind: 'node' as const, id }));
      out.push(directFinding(s.kind, ns, s, obs.paths));
    } else if (s.kind === 'drift') out.push(driftFinding(s));
  }
  return { out, hard, signals };
}
