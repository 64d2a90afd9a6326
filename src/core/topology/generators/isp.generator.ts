import type { GeneratedGraph } from './generated-graph';
import { nodesAt } from './generated-graph';
import { requireInt, requireNumber } from './generator-options';
import type { IspOptions } from './generator-options';
import { clamp01 } from './geo-box';
import type { GeoBox, Point } from './geo-box';
import type { GeometricStreams } from './geometric-graph';
import { GBPS_10, GBPS_100, GBPS_40, LinkBuilder } from './link-builder';
import { SpatialGrid } from './spatial-grid';

/** Core links leaving a site within this bearing of each other run in one conduit (share an SRLG). */
const CONDUIT_BEARING_RAD = (15 * Math.PI) / 180;
const FULL_MESH_MAX = 6;

interface Isp {
  readonly cores: number;
  readonly points: Point[];
  readonly homes: number[];
}

/**
 * A two-level ISP: C core nodes at random metro sites (C = round(sqrt(N)) by default, at least 3), meshed
 * with 100G links (full mesh up to 6 cores, else a ring around the centroid plus links to each core's two
 * nearest cores), and N − C PE nodes placed near a random home core and dual-homed to it and to one of its
 * two nearest cores. Shared risk: a `sharedConduitShare` of PEs run both uplinks in one conduit (one SRLG, so
 * SRLG-disjoint protection is impossible for them while link-disjoint is not), and core links leaving a site
 * within 15° of each other share a conduit SRLG. SRLG ids count from 1.
 */
export function generateIsp(options: IspOptions, box: GeoBox, streams: GeometricStreams): GeneratedGraph {
  const n = options.nodes;
  const { cores, share } = shapeOf(options);
  const isp = placeNodes(n, cores, streams);
  const nodes = nodesAt(isp.points, box, (i) =>
    i < cores
      ? { id: `core${i + 1}`, name: `core-${i + 1}`, role: 'core', site: `m${i + 1}` }
      : {
          id: `pe${i - cores + 1}`,
          name: `pe-${i - cores + 1}`,
          role: 'pe',
          site: `m${isp.homes[i - cores]! + 1}`,
        },
  );
  const links = new LinkBuilder(
    nodes.map((x) => x.id),
    nodes.map((x) => x.geo!),
  );
  const coreGrid = new SpatialGrid(isp.points.slice(0, cores), 1 / Math.sqrt(cores));
  const nearest2 = Array.from({ length: cores }, (_, c) => twoNearest(coreGrid, c));
  meshCore(isp, nearest2, links);
  const srlg = { next: 1 };
  shareCoreConduits(isp, links, srlg);
  const coreLinks = links.count;
  const sharedPes = attachPes(isp, nearest2, links, streams, share, srlg);
  return {
    nodes,
    links: links.result(),
    derived: [
      `isp: ${cores} core nodes (${coreLinks} 100G core links), ${n - cores} PEs dual-homed to two distinct cores`,
      `srlgs: core links leaving a site within 15° share a conduit SRLG; ${sharedPes} PEs (share ${share}) have both uplinks in one conduit SRLG`,
      'capacityMbps of PE uplinks drawn per PE: 50% 10G, 35% 40G, 15% 100G',
    ],
  };
}

function shapeOf(options: IspOptions): { cores: number; share: number } {
  const n = options.nodes;
  const defaultCores = Math.min(n - 1, Math.max(3, Math.round(Math.sqrt(n))));
  return {
    cores:
      options.coreNodes === undefined ? defaultCores : requireInt('coreNodes', options.coreNodes, 3, n - 1),
    share:
      options.sharedConduitShare === undefined
        ? 0.25
        : requireNumber('sharedConduitShare', options.sharedConduitShare, 0, 1, true),
  };
}

function placeNodes(n: number, cores: number, streams: GeometricStreams): Isp {
  const rng = streams.positions;
  const points: Point[] = [];
  for (let c = 0; c < cores; c++) points.push({ x: rng.between(0.05, 0.95), y: rng.between(0.05, 0.95) });
  const homes: number[] = [];
  for (let k = cores; k < n; k++) {
    const home = streams.structure.int(cores);
    const angle = rng.between(0, 2 * Math.PI);
    const r = rng.between(0.003, 0.02);
    const at = points[home]!;
    points.push({ x: clamp01(at.x + r * Math.cos(angle)), y: clamp01(at.y + r * Math.sin(angle)) });
    homes.push(home);
  }
  return { cores, points, homes };
}

function twoNearest(grid: SpatialGrid, c: number): [number, number] {
  const first = grid.nearest(c, () => true)!;
  const second = grid.nearest(c, (j) => j !== first)!;
  return [first, second];
}

function meshCore(isp: Isp, nearest2: readonly [number, number][], links: LinkBuilder): void {
  const c = isp.cores;
  if (c <= FULL_MESH_MAX) {
    for (let i = 0; i < c; i++) for (let j = i + 1; j < c; j++) links.add(i, j, GBPS_100);
    return;
  }
  const core = isp.points.slice(0, c);
  const cx = core.reduce((s, p) => s + p.x, 0) / c;
  const cy = core.reduce((s, p) => s + p.y, 0) / c;
  const order = core
    .map((p, i) => ({ i, angle: Math.atan2(p.y - cy, p.x - cx) }))
    .sort((a, b) => a.angle - b.angle || a.i - b.i)
    .map((e) => e.i);
  order.forEach((i, k) => links.add(i, order[(k + 1) % c]!, GBPS_100));
  nearest2.forEach(([a, b], i) => {
    links.add(i, a, GBPS_100);
    links.add(i, b, GBPS_100);
  });
}

/** Core links leaving one site in nearly the same direction get a common conduit SRLG. */
function shareCoreConduits(isp: Isp, links: LinkBuilder, srlg: { next: number }): void {
  const bySite: { link: number; bearing: number }[][] = Array.from({ length: isp.cores }, () => []);
  links.ends.forEach(([a, b], link) => {
    const pa = isp.points[a]!;
    const pb = isp.points[b]!;
    bySite[a]!.push({ link, bearing: Math.atan2(pb.y - pa.y, pb.x - pa.x) });
    bySite[b]!.push({ link, bearing: Math.atan2(pa.y - pb.y, pa.x - pb.x) });
  });
  for (const site of bySite) {
    site.sort((p, q) => p.bearing - q.bearing || p.link - q.link);
    for (let k = 0; k + 1 < site.length; k++) {
      const [p, q] = [site[k]!, site[k + 1]!];
      if (q.bearing - p.bearing >= CONDUIT_BEARING_RAD) continue;
      const id = srlg.next++;
      links.addSrlg(p.link, id);
      links.addSrlg(q.link, id);
    }
  }
}

function attachPes(
  isp: Isp,
  nearest2: readonly [number, number][],
  links: LinkBuilder,
  streams: GeometricStreams,
  share: number,
  srlg: { next: number },
): number {
  let shared = 0;
  isp.homes.forEach((home, k) => {
    const pe = isp.cores + k;
    const other = nearest2[home]![streams.structure.int(2)]!;
    const capacity = streams.capacities.pickWeighted([
      [GBPS_10, 0.5],
      [GBPS_40, 0.35],
      [GBPS_100, 0.15],
    ]);
    const conduit = streams.structure.chance(share) ? [srlg.next++] : [];
    if (conduit.length > 0) shared++;
    links.add(pe, home, capacity, conduit);
    links.add(pe, other, capacity, conduit);
  });
  return shared;
}
