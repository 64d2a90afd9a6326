// The topology map for large networks (ASN2k: 1,739 nodes, 4,279 links): one <canvas>, links batched by
// style into one path per colour, redrawn on the next animation frame only when something changed. Drag to
// pan, wheel to zoom; click picks the nearest link or node. Same interface as the SVG map (map.js), so the
// rest of the dashboard does not know which one it talks to. SVG would make ~6,000 DOM elements, each
// restyled at 1 Hz: the reason for this second renderer (ADR 0081).

import { layout } from './layout.js';
import { utilClass } from './format.js';

const PICK_PX = 8;

/** @param {string} name */
const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/**
 * Squared distance from point (px, py) to the segment a–b.
 * @param {number} px @param {number} py @param {number} ax @param {number} ay @param {number} bx @param {number} by
 */
export function segmentDistance2(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{ onLink: (id: string) => void, onNode: (id: string) => void, onRebuilt: () => void }} handlers
 */
export function createCanvasMap(canvas, handlers) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  /** @type {Array<{ id: string, a: number, b: number, style: string }>} */
  let links = [];
  /** @type {Array<{ id: string, x: number, y: number, style: string }>} */
  let nodes = [];
  /** @type {Map<string, number>} */
  let linkIndex = new Map();
  /** @type {Map<string, number>} */
  let nodeIndex = new Map();
  let sig = '';
  let projection = '';
  const view = { x: 0, y: 0, k: 1 };
  let dirty = false;
  let frames = 0;
  /** @type {Record<string, string>} */
  let colours = {};
  const state = {
    /** @type {Map<string, string>} */ util: new Map(),
    /** @type {Map<string, string>} */ op: new Map(),
    /** @type {Map<string, string>} */ nodeOp: new Map(),
    /** @type {Set<string>} */ primary: new Set(),
    /** @type {Set<string>} */ backup: new Set(),
    /** @type {Set<string>} */ suspect: new Set(),
    /** @type {{ link?: string, node?: string }} */ sel: {},
  };

  const schedule = () => {
    if (dirty) return;
    dirty = true;
    requestAnimationFrame(draw);
  };

  function size() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(r.width * dpr));
    canvas.height = Math.max(1, Math.round(r.height * dpr));
    return { w: r.width, h: r.height, dpr };
  }

  /** Positions in CSS pixels of the canvas (layout units are a 1000-wide view). */
  function fitToCanvas(/** @type {Map<string, {x: number, y: number}>} */ pos) {
    const { w, h } = size();
    const xs = [...pos.values()].map((p) => p.x);
    const ys = [...pos.values()].map((p) => p.y);
    const minX = Math.min(...xs);
    const minY = Math.min(...ys);
    const s = Math.min(
      (w - 40) / Math.max(1, Math.max(...xs) - minX),
      (h - 40) / Math.max(1, Math.max(...ys) - minY),
    );
    return (/** @type {{x: number, y: number}} */ p) => ({
      x: 20 + (p.x - minX) * s,
      y: 20 + (p.y - minY) * s,
    });
  }

  /** The layout of the current topology: computed once per topology, only re-fitted when the canvas resizes. */
  /** @type {{ sig: string, positions: Map<string, {x: number, y: number}> } | undefined} */
  let laidOut;

  /** @param {any} topo */
  function build(topo) {
    colours = Object.fromEntries(
      ['--u0', '--u1', '--u2', '--u3', '--u4', '--u-unknown', '--primary', '--backup', '--bad'].map((v) => [
        v,
        cssVar(v),
      ]),
    );
    if (laidOut?.sig !== sig) {
      const t0 = performance.now();
      const l = layout(topo.nodes, topo.links);
      performance.measure('autonet:layout', { start: t0 }); // read by the rendering benchmark
      projection = l.projection;
      laidOut = { sig, positions: l.positions };
    }
    const positions = laidOut.positions;
    const place = fitToCanvas(positions);
    nodes = topo.nodes.flatMap((/** @type {any} */ n) => {
      const p = positions.get(n.id);
      return p ? [{ id: n.id, ...place(p), style: '' }] : [];
    });
    nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));
    links = topo.links.flatMap((/** @type {any} */ l) => {
      const a = nodeIndex.get(l.a);
      const b = nodeIndex.get(l.b);
      return a === undefined || b === undefined ? [] : [{ id: l.id, a, b, style: '' }];
    });
    linkIndex = new Map(links.map((l, i) => [l.id, i]));
    view.x = 0;
    view.y = 0;
    view.k = 1;
  }

  /** The style key of a link: what decides its colour, width and dash. */
  function linkStyle(/** @type {string} */ id) {
    if (state.op.get(id) === 'down') return 'down';
    if (state.primary.has(id)) return 'primary';
    if (state.backup.has(id)) return 'backup';
    if (state.op.get(id) === 'stale') return 'u-unknown';
    return state.util.get(id) ?? 'u-unknown';
  }

  const STYLE = {
    down: { colour: '--bad', width: 2, dash: [3, 4] },
    primary: { colour: '--primary', width: 3, dash: [] },
    backup: { colour: '--backup', width: 2.5, dash: [8, 5] },
  };

  function draw() {
    const t0 = performance.now();
    dirty = false;
    frames++;
    const { w, h, dpr } = size();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.translate(view.x, view.y);
    ctx.scale(view.k, view.k);
    const highlight = state.primary.size + state.backup.size > 0;
    /** @type {Map<string, number[]>} */
    const batches = new Map();
    for (let i = 0; i < links.length; i++) {
      const key = linkStyle(links[i].id);
      const list = batches.get(key);
      if (list) list.push(i);
      else batches.set(key, [i]);
    }
    const order = [...batches.keys()].sort((a, b) => rank(a) - rank(b));
    for (const key of order) {
      const st = /** @type {Record<string, {colour: string, width: number, dash: number[]}>} */ (STYLE)[
        key
      ] ?? {
        colour: `--${key}`,
        width: 1.2,
        dash: [],
      };
      ctx.strokeStyle = colours[st.colour] ?? '#888';
      ctx.globalAlpha = highlight && !(key in STYLE) ? 0.2 : 1;
      ctx.lineWidth = st.width / view.k;
      ctx.setLineDash(st.dash.map((d) => d / view.k));
      ctx.beginPath();
      for (const i of /** @type {number[]} */ (batches.get(key))) {
        const l = links[i];
        ctx.moveTo(nodes[l.a].x, nodes[l.a].y);
        ctx.lineTo(nodes[l.b].x, nodes[l.b].y);
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    const r = Math.max(1.2, 2.5 / Math.sqrt(view.k));
    for (const [fill, test] of /** @type {const} */ ([
      ['#b9c7d6', (/** @type {string} */ id) => state.nodeOp.get(id) !== 'down'],
      [colours['--bad'], (/** @type {string} */ id) => state.nodeOp.get(id) === 'down'],
    ])) {
      ctx.fillStyle = fill ?? '#888';
      ctx.beginPath();
      for (const n of nodes) {
        if (!test(n.id)) continue;
        ctx.moveTo(n.x + r / view.k, n.y);
        ctx.arc(n.x, n.y, r / view.k, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.strokeStyle = '#ffb020';
    ctx.lineWidth = 6 / view.k;
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    for (const id of state.suspect) {
      const l = links[linkIndex.get(id) ?? -1];
      if (!l) continue;
      ctx.moveTo(nodes[l.a].x, nodes[l.a].y);
      ctx.lineTo(nodes[l.b].x, nodes[l.b].y);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    const sel = state.sel.link ? links[linkIndex.get(state.sel.link) ?? -1] : undefined;
    if (sel) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 3 / view.k;
      ctx.beginPath();
      ctx.moveTo(nodes[sel.a].x, nodes[sel.a].y);
      ctx.lineTo(nodes[sel.b].x, nodes[sel.b].y);
      ctx.stroke();
    }
    if (frames === 1) performance.measure('autonet:first-draw', { start: t0 }); // once: no timeline growth
  }

  /** @param {string} key */
  function rank(key) {
    return key === 'primary'
      ? 9
      : key === 'backup'
        ? 8
        : key === 'down'
          ? 7
          : key.startsWith('u')
            ? Number(key[1]) || 0
            : 0;
  }

  /** The link or node under a canvas point (CSS pixels), within PICK_PX. */
  function pick(/** @type {number} */ cx, /** @type {number} */ cy) {
    const x = (cx - view.x) / view.k;
    const y = (cy - view.y) / view.k;
    const tol = PICK_PX / view.k;
    let best = { d: tol * tol, kind: '', id: '' };
    for (const n of nodes) {
      const d = (n.x - x) ** 2 + (n.y - y) ** 2;
      if (d < best.d) best = { d, kind: 'node', id: n.id };
    }
    if (best.kind) return best;
    for (const l of links) {
      const d = segmentDistance2(x, y, nodes[l.a].x, nodes[l.a].y, nodes[l.b].x, nodes[l.b].y);
      if (d < best.d) best = { d, kind: 'link', id: l.id };
    }
    return best;
  }

  let drag = /** @type {{ x: number, y: number, moved: boolean } | undefined} */ (undefined);
  canvas.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: false };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    view.x += dx;
    view.y += dy;
    drag.x = e.clientX;
    drag.y = e.clientY;
    schedule();
  });
  canvas.addEventListener('pointerup', (e) => {
    const wasDrag = drag?.moved;
    drag = undefined;
    if (wasDrag) return;
    const r = canvas.getBoundingClientRect();
    const hit = pick(e.clientX - r.left, e.clientY - r.top);
    if (hit.kind === 'link') handlers.onLink(hit.id);
    else if (hit.kind === 'node') handlers.onNode(hit.id);
  });
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      const mx = e.clientX - r.left;
      const my = e.clientY - r.top;
      const f = Math.exp(-e.deltaY * 0.0015);
      const k = Math.max(0.5, Math.min(40, view.k * f));
      view.x = mx - ((mx - view.x) * k) / view.k;
      view.y = my - ((my - view.y) * k) / view.k;
      view.k = k;
      schedule();
    },
    { passive: false },
  );
  new ResizeObserver(() => {
    if (!last) return;
    build(last);
    handlers.onRebuilt();
    schedule();
  }).observe(canvas);

  /** @type {any} */
  let last;
  return {
    /** @param {any} topo */
    render(topo) {
      last = topo;
      const next = `${topo.nodes.length}#${topo.links.map((/** @type {any} */ l) => l.id).join('|')}`;
      if (next !== sig) {
        sig = next;
        build(topo);
        canvas.setAttribute(
          'aria-label',
          `Network map: ${nodes.length} nodes, ${links.length} links. Drag to pan, wheel to zoom, click a link or node for details.`,
        );
        schedule();
      }
      return projection;
    },
    /** @param {any[]} topoLinks @param {Map<string, number | undefined>} util */
    colour(topoLinks, util) {
      for (const l of topoLinks) state.util.set(l.id, utilClass(util.get(l.id)));
      schedule();
    },
    /** @param {Map<string, { status: string, stale: boolean }>} ops @param {Map<string, string>} nodeOps */
    operational(ops, nodeOps) {
      state.op = new Map(
        [...ops].map(([id, o]) => [id, o.status === 'down' ? 'down' : o.stale ? 'stale' : o.status]),
      );
      state.nodeOp = new Map(nodeOps);
      schedule();
    },
    /** @param {Map<string, number>} l @param {Map<string, number>} _n */
    suspects(l, _n) {
      state.suspect = new Set(l.keys());
      schedule();
    },
    /** @param {Set<string>} primary @param {Set<string>} backup */
    highlight(primary, backup) {
      state.primary = primary;
      state.backup = backup;
      schedule();
    },
    /** @param {Set<string>} _nodes */
    highlightNodes(_nodes) {},
    /** @param {{ link?: string, node?: string }} sel */
    select(sel) {
      state.sel = sel;
      schedule();
    },
    /** Frames drawn so far and the current view (for the rendering benchmark). */
    stats() {
      return { frames, view: { ...view }, links: links.length, nodes: nodes.length };
    },
    /** Pans by (dx, dy) CSS pixels (keyboard and benchmark). @param {number} dx @param {number} dy */
    pan(dx, dy) {
      view.x += dx;
      view.y += dy;
      schedule();
    },
  };
}
