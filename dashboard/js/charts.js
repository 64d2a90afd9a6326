// Charts for a selected link or intent (uPlot, MIT, served by the controller from its own node_modules):
// utilisation and loss per direction with the twin's forecast band, or an intent's delay, jitter and loss
// against its bounds. A range picker; the chart refreshes every 10 s while it is on screen.

// @ts-ignore -- served by the controller from node_modules/uplot/dist (typed by uplot's own uPlot.d.ts)
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { getJson } from './api.js';
import { h } from './dom.js';

const RANGES = [
  ['15m', 15 * 60_000, '15s'],
  ['1h', 60 * 60_000, '30s'],
  ['6h', 6 * 60 * 60_000, '5m'],
  ['24h', 24 * 60 * 60_000, '15m'],
];
const REFRESH_MS = 10_000;
const COLOURS = ['#4cc2ff', '#f7b955', '#c792ea', '#7fdb8a'];

/** @param {any[]} buckets @param {string} [k] */
const series = (buckets, k = 'mean') => (buckets ?? []).map((/** @type {any} */ b) => [b.t, b[k]]);

/**
 * Aligns several [t, v] series on one time axis (uPlot's data layout); missing points are null (gaps).
 * @param {Array<Array<[number, number]>>} list
 * @returns {any[]}
 */
export function align(list) {
  const ts = [...new Set(list.flatMap((s) => s.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(ts.map((t, i) => [t, i]));
  const cols = list.map((s) => {
    const col = new Array(ts.length).fill(null);
    for (const [t, v] of s) col[/** @type {number} */ (index.get(t))] = Number.isFinite(v) ? v : null;
    return col;
  });
  return [ts.map((t) => t / 1000), ...cols];
}

/**
 * The forecast of one link from GET /twin/forecast, tolerant of shape: an entry naming the link (or one of
 * its arcs) with points carrying a mean and an interval.
 * @param {any} body @param {string} linkId
 * @returns {{ mean: Array<[number, number]>, lower: Array<[number, number]>, upper: Array<[number, number]> } | undefined}
 */
export function forecastOf(body, linkId) {
  const list = [body?.forecasts, body?.links].find(Array.isArray) ?? [];
  const entries = list.filter((/** @type {any} */ f) => f?.link === linkId);
  if (entries.length === 0) return undefined;
  const best = entries[0];
  const pts = [best.points, best.forecast, best.series].find(Array.isArray) ?? [];
  const get = (/** @type {any} */ p, /** @type {string[]} */ ks) =>
    ks.map((k) => p?.[k]).find(Number.isFinite);
  const t = (/** @type {any} */ p) => get(p, ['t', 'at', 'timestampMs']);
  return {
    mean: pts.map((/** @type {any} */ p) => [t(p), get(p, ['mean', 'value', 'utilisation'])]),
    lower: pts.map((/** @type {any} */ p) => [t(p), get(p, ['lower', 'lo', 'low'])]),
    upper: pts.map((/** @type {any} */ p) => [t(p), get(p, ['upper', 'hi', 'high'])]),
  };
}

/**
 * @param {{ title: string, load: (fromMs: number, toMs: number, step: string) => Promise<{ names: string[], data: any[], unit: string }>, now: () => number }} spec
 * @returns {HTMLElement}
 */
export function chartPanel(spec) {
  let range = RANGES[0];
  const host = h('div', { class: 'chart', role: 'img', 'aria-label': `${spec.title} chart` });
  const status = h('p', { class: 'hint chart-status' }, ['loading…']);
  /** @type {any} */
  let plot;
  let timer = 0;
  const buttons = RANGES.map((r) =>
    h(
      'button',
      { type: 'button', class: 'range', 'aria-pressed': String(r === range), onclick: () => pick(r) },
      [r[0]],
    ),
  );
  const panel = h('section', { class: 'chart-panel', 'aria-label': spec.title }, [
    h('div', { class: 'chart-head' }, [h('h4', {}, [spec.title]), h('div', { class: 'ranges' }, buttons)]),
    host,
    status,
  ]);

  /** @param {typeof RANGES[number]} r */
  function pick(r) {
    range = r;
    buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(RANGES[i] === r)));
    void draw();
  }

  async function draw() {
    clearTimeout(timer);
    if (!panel.isConnected && plot) return plot.destroy();
    const to = spec.now();
    try {
      const { names, data, unit } = await spec.load(
        to - /** @type {number} */ (range[1]),
        to,
        /** @type {string} */ (range[2]),
      );
      const points = data
        .slice(1)
        .reduce((n, col) => n + col.filter((/** @type {any} */ v) => v !== null).length, 0);
      status.textContent = points === 0 ? 'No samples in this range yet.' : `${unit} · ${range[0]}`;
      const width = Math.max(240, host.clientWidth || 320);
      const opts = {
        width,
        height: 160,
        legend: { live: false },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#9fb0c2', grid: { stroke: '#ffffff12' } },
          { stroke: '#9fb0c2', grid: { stroke: '#ffffff12' }, size: 56 },
        ],
        series: [
          {},
          ...names.map((n, i) => ({
            label: n,
            stroke: n.startsWith('forecast') ? '#f7b95599' : COLOURS[i % COLOURS.length],
            dash: n.startsWith('forecast') ? [6, 4] : undefined,
            width: 1.5,
            spanGaps: n.startsWith('bound'),
          })),
        ],
      };
      if (plot) plot.destroy();
      plot = new uPlot(opts, data, host);
    } catch (err) {
      status.textContent = `No data: ${err instanceof Error ? err.message : err}`;
    }
    if (panel.isConnected || !plot) timer = window.setTimeout(draw, REFRESH_MS);
  }
  queueMicrotask(() => void draw());
  return panel;
}

/**
 * A link's utilisation per direction over the range, with the forecast band of the busier direction.
 * @param {any} link @param {() => number} now
 */
export function linkChart(link, now) {
  return chartPanel({
    title: `Utilisation · ${link.id}`,
    now,
    load: async (fromMs, toMs, step) => {
      const q = new URLSearchParams({
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        step,
      });
      const body = await getJson(`/telemetry/links/${encodeURIComponent(link.id)}?${q}`);
      const dirs = body.directions ?? [];
      const names = dirs.map((/** @type {any} */ d) => `${d.from}→${d.to} %`);
      const cols = dirs.map((/** @type {any} */ d) =>
        series(d.utilisation).map(([t, v]) => /** @type {[number, number]} */ ([t, v * 100])),
      );
      const fc = await getJson('/twin/forecast?horizon=PT6H')
        .then((f) => forecastOf(f, link.id))
        .catch(() => undefined);
      if (fc) {
        names.push('forecast %', 'forecast low %', 'forecast high %');
        for (const k of /** @type {const} */ (['mean', 'lower', 'upper']))
          cols.push(fc[k].map(([t, v]) => /** @type {[number, number]} */ ([t, v * 100])));
      }
      return { names, data: align(cols), unit: 'utilisation %' };
    },
  });
}

/**
 * An intent's measured delay per policy over the range (ms), with its bound.
 * @param {any} intent @param {() => number} now
 */
export function intentChart(intent, now) {
  const policies = intent.plan?.policies ?? [];
  const bound = intent.slo?.maxDelayUs;
  return chartPanel({
    title: `Delay · ${intent.name}`,
    now,
    load: async (fromMs, toMs, step) => {
      const q = new URLSearchParams({
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        step,
      });
      const bodies = await Promise.all(
        policies.map((/** @type {any} */ p) =>
          getJson(`/telemetry/policies/${encodeURIComponent(p.headend)}/${encodeURIComponent(p.name)}?${q}`),
        ),
      );
      const names = policies.map((/** @type {any} */ p) => `${p.headend} delay ms`);
      const cols = bodies.map((b) =>
        series(b.delayUs).map(([t, v]) => /** @type {[number, number]} */ ([t, v / 1000])),
      );
      if (bound !== undefined && cols.some((c) => c.length > 0)) {
        const ts = cols.flat().map(([t]) => t);
        names.push('bound ms');
        cols.push([
          [Math.min(...ts), bound / 1000],
          [Math.max(...ts), bound / 1000],
        ]);
      }
      return { names, data: align(cols), unit: 'one-way delay, ms' };
    },
  });
}
