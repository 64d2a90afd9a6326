import type { Prng } from './prng';
import type { GeneratedGraph } from './generated-graph';
import { nodesAt } from './generated-graph';
import type { GeoBox, Point } from './geo-box';
import { GBPS_100, GBPS_40, LinkBuilder } from './link-builder';
import { requireInt } from './generator-options';
import type { RingOptions } from './generator-options';

/**
 * A ring of N nodes on an ellipse inscribed in the box (100G ring links), plus `chords` random 40G links
 * between non-adjacent nodes. Without chords the ring ignores the seed.
 */
export function generateRing(options: RingOptions, box: GeoBox, rng: Prng): GeneratedGraph {
  const n = options.nodes;
  const maxChords = (n * (n - 3)) / 2;
  const chords = options.chords === undefined ? 0 : requireInt('chords', options.chords, 0, maxChords);
  const points: Point[] = Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / n;
    return { x: 0.5 + 0.45 * Math.cos(angle), y: 0.5 + 0.45 * Math.sin(angle) };
  });
  const nodes = nodesAt(points, box, (i) => ({ id: `n${i + 1}`, name: `ring-${i + 1}`, role: 'core' }));
  const links = new LinkBuilder(
    nodes.map((x) => x.id),
    nodes.map((x) => x.geo!),
  );
  for (let i = 0; i < n; i++) links.add(i, (i + 1) % n, GBPS_100);
  for (const [i, j] of chordPairs(n, chords, links, rng)) links.add(i, j, GBPS_40);
  return {
    nodes,
    links: links.result(),
    derived: [`ring: ${n} nodes on an ellipse, 100G ring links, ${chords} random 40G chords`],
  };
}

/**
 * `count` distinct random non-adjacent pairs. Sparse requests draw and reject; dense ones (more than half of
 * the possible chords) shuffle the full candidate list, so both stay linear in the output.
 */
function chordPairs(n: number, count: number, links: LinkBuilder, rng: Prng): [number, number][] {
  const possible = (n * (n - 3)) / 2;
  if (count * 2 > possible) {
    const all: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 2; j < n; j++) if (!links.has(i, j)) all.push([i, j]);
    for (let k = 0; k < count; k++) {
      const m = k + rng.int(all.length - k);
      [all[k], all[m]] = [all[m]!, all[k]!];
    }
    return all.slice(0, count);
  }
  const out: [number, number][] = [];
  const taken = new Set<number>();
  while (out.length < count) {
    const i = rng.int(n);
    const j = rng.int(n);
    const [a, b] = i < j ? [i, j] : [j, i];
    if (a === b || links.has(a, b) || taken.has(a * n + b)) continue;
    taken.add(a * n + b);
    out.push([a, b]);
  }
  return out;
}
