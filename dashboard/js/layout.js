// Node placement: Web-Mercator projection fitted to the bounding box of the nodes that have coordinates;
// a deterministic circle + force layout for topologies without any; neighbour centroids for the rest.

export const VIEW = { width: 1000, height: 620, pad: 48, padRight: 110 };

/**
 * Matches the view box to the drawing area's aspect ratio (wall screens are wide, laptops less so); the
 * width stays 1000 units so stroke widths and label sizes mean the same everywhere.
 * @param {number} pxWidth
 * @param {number} pxHeight
 * @returns {string} the SVG viewBox value
 */
export function fitView(pxWidth, pxHeight) {
  if (pxWidth > 0 && pxHeight > 0)
    VIEW.height = Math.round(Math.min(1400, Math.max(400, (1000 * pxHeight) / pxWidth)));
  return `0 0 ${VIEW.width} ${VIEW.height}`;
}

/** @typedef {{ id: string, geo?: { lat: number, lon: number } }} LayoutNode */
/** @typedef {{ a: string, b: string }} LayoutLink */
/** @typedef {{ x: number, y: number }} Point */

const MAX_LAT = 85;

/** @param {{ lat: number, lon: number }} g @returns {Point} */
function mercator(g) {
  const lat = (Math.max(-MAX_LAT, Math.min(MAX_LAT, g.lat)) * Math.PI) / 180;
  return { x: (g.lon * Math.PI) / 180, y: -Math.log(Math.tan(Math.PI / 4 + lat / 2)) };
}

/**
 * Scales and centres points into the view box: one scale for both axes (geography keeps its shape), or one
 * per axis (an abstract layout fills the space).
 * @param {Map<string, Point>} pts
 * @param {boolean} [uniform]
 */
function fit(pts, uniform = true) {
  const xs = [...pts.values()].map((p) => p.x);
  const ys = [...pts.values()].map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = VIEW.width - VIEW.pad - VIEW.padRight; // labels sit right of their node
  const hgt = VIEW.height - 2 * VIEW.pad;
  const kx = x1 > x0 ? w / (x1 - x0) : Infinity;
  const ky = y1 > y0 ? hgt / (y1 - y0) : Infinity;
  const k = Math.min(kx, ky);
  const sx = uniform ? (Number.isFinite(k) ? k : 1) : Number.isFinite(kx) ? kx : 1;
  const sy = uniform ? (Number.isFinite(k) ? k : 1) : Number.isFinite(ky) ? ky : 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  for (const [id, p] of pts) {
    pts.set(id, { x: VIEW.pad + w / 2 + (p.x - cx) * sx, y: VIEW.height / 2 + (p.y - cy) * sy });
  }
}

/** @param {string[]} ids @returns {Map<string, Point>} */
function circle(ids) {
  const r = Math.min(VIEW.width, VIEW.height) / 2 - VIEW.pad;
  const pts = new Map();
  ids.forEach((id, i) => {
    const t = (2 * Math.PI * i) / ids.length - Math.PI / 2;
    pts.set(id, { x: VIEW.width / 2 + r * Math.cos(t), y: VIEW.height / 2 + r * Math.sin(t) });
  });
  return pts;
}

/**
 * Fruchterman–Reingold from the circle, fixed iteration count and cooling: same input, same picture.
 * Coordinates live in typed arrays indexed by node (not Maps of points): the O(n²) repulsion loop is the
 * whole cost of a first render on ASN2k, and this form runs it several times faster with the same arithmetic
 * in the same order, so the picture is bit-for-bit the one of the Map-based version.
 * @param {Map<string, Point>} pts
 * @param {LayoutLink[]} links
 */
function relax(pts, links) {
  const ids = [...pts.keys()];
  const n = ids.length;
  if (n < 3) return;
  const index = new Map(ids.map((id, i) => [id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  ids.forEach((id, i) => {
    const p = /** @type {Point} */ (pts.get(id));
    x[i] = p.x;
    y[i] = p.y;
  });
  /** @type {number[]} */
  const ends = [];
  for (const l of links) {
    const a = index.get(l.a);
    const b = index.get(l.b);
    if (a === undefined || b === undefined || l.a === l.b) continue;
    ends.push(a, b);
  }
  const dispX = new Float64Array(n);
  const dispY = new Float64Array(n);
  const k = Math.sqrt((VIEW.width * VIEW.height) / n) * 0.6;
  const k2 = k * k;
  const iterations = n > 300 ? 40 : 150;
  for (let it = 0; it < iterations; it++) {
    const temp = (VIEW.width / 10) * (1 - it / iterations);
    dispX.fill(0);
    dispY.fill(0);
    for (let i = 0; i < n; i++) {
      const px = x[i];
      const py = y[i];
      let ix = dispX[i];
      let iy = dispY[i];
      for (let j = i + 1; j < n; j++) {
        const dx = px - x[j] || 0.01;
        const dy = py - y[j];
        const d2 = Math.max(dx * dx + dy * dy, 0.01);
        const f = k2 / d2;
        ix += dx * f;
        iy += dy * f;
        dispX[j] -= dx * f;
        dispY[j] -= dy * f;
      }
      dispX[i] = ix;
      dispY[i] = iy;
    }
    for (let e = 0; e < ends.length; e += 2) {
      const a = ends[e];
      const b = ends[e + 1];
      const dx = x[a] - x[b];
      const dy = y[a] - y[b];
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = d / k;
      dispX[a] -= dx * f;
      dispY[a] -= dy * f;
      dispX[b] += dx * f;
      dispY[b] += dy * f;
    }
    for (let i = 0; i < n; i++) {
      const len = Math.max(Math.hypot(dispX[i], dispY[i]), 0.01);
      const step = Math.min(len, temp);
      x[i] += (dispX[i] / len) * step;
      y[i] += (dispY[i] / len) * step;
    }
  }
  ids.forEach((id, i) => pts.set(id, { x: x[i], y: y[i] }));
}

/**
 * Places nodes without coordinates among nodes that have them: at the centroid of placed neighbours
 * (fanned out a little), or on an outer ring when a node has none.
 * @param {Map<string, Point>} pts
 * @param {string[]} missing
 * @param {LayoutLink[]} links
 */
function placeRest(pts, missing, links) {
  let pending = missing;
  for (let round = 0; round < 4 && pending.length > 0; round++) {
    pending = pending.filter((id, i) => {
      const nbrs = links
        .flatMap((l) => (l.a === id ? [l.b] : l.b === id ? [l.a] : []))
        .filter((n) => pts.has(n));
      if (nbrs.length === 0) return true;
      const ps = nbrs.map((n) => /** @type {Point} */ (pts.get(n)));
      // below or above the neighbours (labels run horizontally), fanned out so siblings do not stack
      const t = Math.PI / 2 + (i % 2 === 0 ? 0 : Math.PI) + ((Math.floor(i / 2) % 5) - 2) * 0.35;
      pts.set(id, {
        x: ps.reduce((a, p) => a + p.x, 0) / ps.length + 56 * Math.cos(t),
        y: ps.reduce((a, p) => a + p.y, 0) / ps.length + 56 * Math.sin(t),
      });
      return false;
    });
  }
  const ring = circle(pending);
  for (const [id, p] of ring) pts.set(id, p);
}

/**
 * @param {LayoutNode[]} nodes
 * @param {LayoutLink[]} links
 * @returns {{ positions: Map<string, Point>, projection: 'mercator' | 'force' }}
 */
export function layout(nodes, links) {
  const geo = nodes.filter((n) => n.geo && Number.isFinite(n.geo.lat) && Number.isFinite(n.geo.lon));
  if (geo.length === 0) {
    const pts = circle(nodes.map((n) => n.id).sort());
    relax(pts, links);
    fit(pts, false);
    return { positions: pts, projection: 'force' };
  }
  /** @type {Map<string, Point>} */
  const pts = new Map(geo.map((n) => [n.id, mercator(/** @type {{lat:number, lon:number}} */ (n.geo))]));
  fit(pts);
  const rest = nodes
    .filter((n) => !pts.has(n.id))
    .map((n) => n.id)
    .sort();
  if (rest.length > 0) {
    placeRest(pts, rest, links);
    fit(pts); // uniform scale: the geographic part keeps its shape
  }
  return { positions: pts, projection: 'mercator' };
}

/**
 * The SVG path of one link: straight when alone, bowed symmetrically when it has parallel siblings.
 * @param {Point} p
 * @param {Point} q
 * @param {number} offset signed distance of the bow from the straight line, in view units
 * @param {boolean} flip true when the link is drawn b→a relative to its group's canonical order
 */
export function linkPath(p, q, offset, flip) {
  if (offset === 0) return `M${r(p.x)},${r(p.y)} L${r(q.x)},${r(q.y)}`;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const len = Math.max(Math.hypot(dx, dy), 0.01);
  const o = flip ? -offset : offset;
  const cx = (p.x + q.x) / 2 + (-dy / len) * o * 2;
  const cy = (p.y + q.y) / 2 + (dx / len) * o * 2;
  return `M${r(p.x)},${r(p.y)} Q${r(cx)},${r(cy)} ${r(q.x)},${r(q.y)}`;
}

/** @param {number} x */
const r = (x) => Math.round(x * 10) / 10;
