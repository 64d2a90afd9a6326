// Formatting and the utilisation scale, shared by the map, the legend and the detail panel.

/** Utilisation bands (upper bounds, fraction of capacity); class u0..u4 in styles.css. */
const BANDS = [0.3, 0.6, 0.8, 0.95];

/**
 * @param {number | undefined} u utilisation as a fraction (0..1+), undefined when unknown
 * @returns {string} CSS class naming the band
 */
export function utilClass(u) {
  if (u === undefined || !Number.isFinite(u)) return 'u-unknown';
  const i = BANDS.findIndex((b) => u < b);
  return `u${i === -1 ? BANDS.length : i}`;
}

/** @param {number | undefined} u */
export function pct(u) {
  if (u === undefined || !Number.isFinite(u)) return '—';
  const p = u * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

/** @param {number | undefined} mbps */
export function bandwidth(mbps) {
  if (mbps === undefined || !Number.isFinite(mbps)) return '—';
  if (Math.abs(mbps) >= 1000) return `${+(mbps / 1000).toFixed(mbps % 1000 === 0 ? 0 : 2)} Gbit/s`;
  return `${+mbps.toFixed(mbps % 1 === 0 ? 0 : 1)} Mbit/s`;
}

/** @param {number | undefined} us */
export function delay(us) {
  if (us === undefined || !Number.isFinite(us)) return '—';
  return us >= 1000 ? `${+(us / 1000).toFixed(2)} ms` : `${Math.round(us)} µs`;
}

/** @param {Date} d */
export function clock(d) {
  return d.toISOString().slice(11, 19) + 'Z';
}

/**
 * Planned utilisation of a link: the busier of its two directions, reserved ÷ capacity.
 * @param {{ directions?: Array<{ capacityMbps: number, reservedMbps: number }> }} link
 * @returns {number | undefined}
 */
export function plannedUtilisation(link) {
  const dirs = (link.directions ?? []).filter((d) => d.capacityMbps > 0);
  if (dirs.length === 0) return undefined;
  return Math.max(...dirs.map((d) => d.reservedMbps / d.capacityMbps));
}

/** @param {unknown} v @returns {number | undefined} */
function latest(v) {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) {
      const x = latest(v[i]);
      if (x !== undefined) return x;
    }
    return undefined;
  }
  if (v && typeof v === 'object') {
    const o = /** @type {Record<string, unknown>} */ (v);
    for (const k of ['mean', 'value', 'v', 'last', 'max']) if (typeof o[k] === 'number') return latest(o[k]);
    for (const k of ['buckets', 'points', 'values', 'series']) if (k in o) return latest(o[k]);
  }
  return undefined;
}

/**
 * The most recent utilisation in a telemetry answer, the busier direction when there are two. Tolerant of
 * shape: any `utilisation` member (number, series of numbers or buckets with `mean`), or a series object
 * whose `field` is `utilisation`. Percentages (> 1.5) are turned into fractions.
 * @param {unknown} body
 * @returns {number | undefined}
 */
export function telemetryUtilisation(body) {
  /** @type {number[]} */
  const found = [];
  /** @param {unknown} v @param {number} depth */
  const walk = (v, depth) => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = /** @type {Record<string, unknown>} */ (v);
    if (o.field === 'utilisation' || o.field === 'utilization') {
      const x = latest(o);
      if (x !== undefined) found.push(x);
      return;
    }
    for (const [k, x] of Object.entries(o)) {
      if (/^utili[sz]ation$/i.test(k)) {
        const n = latest(x);
        if (n !== undefined) found.push(n);
      } else walk(x, depth + 1);
    }
  };
  walk(body, 0);
  if (found.length === 0) return undefined;
  const u = Math.max(...found);
  return u > 1.5 ? u / 100 : u;
}
