// The topology map: one SVG group per link and per node, rebuilt only when the topology's shape changes
// (so keyboard focus survives refreshes); colours, highlights and selection are class changes.

import { pressable, s } from './dom.js';
import { fitView, layout, linkPath } from './layout.js';
import { bandwidth, pct, utilClass } from './format.js';

const BOW = 9; // view units between parallel links

/** @param {any} topo */
function signature(topo) {
  const n = topo.nodes.map((/** @type {any} */ x) => `${x.id}@${x.geo?.lat},${x.geo?.lon}`).join('|');
  return `${n}#${topo.links.map((/** @type {any} */ l) => `${l.id}:${l.a}-${l.b}`).join('|')}`;
}

/** Parallel-link offsets: links between the same two nodes are fanned out symmetrically. @param {any[]} links */
function bows(links) {
  /** @type {Map<string, any[]>} */
  const groups = new Map();
  for (const l of links) {
    const key = l.a < l.b ? `${l.a}\u0000${l.b}` : `${l.b}\u0000${l.a}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  /** @type {Map<string, { offset: number, flip: boolean }>} */
  const out = new Map();
  for (const group of groups.values()) {
    group.forEach((l, i) => out.set(l.id, { offset: (i - (group.length - 1) / 2) * BOW, flip: l.a > l.b }));
  }
  return out;
}

/** @param {any} l */
function capacity(l) {
  return Math.max(0, ...(l.directions ?? []).map((/** @type {any} */ d) => d.capacityMbps ?? 0));
}

/** @param {number} mbps */
function strokeWidth(mbps) {
  return mbps > 0 ? Math.min(7, Math.max(2, 2 + 1.6 * Math.log10(mbps / 1000))) : 2;
}

/**
 * @param {SVGSVGElement} svg
 * @param {{ onLink: (id: string) => void, onNode: (id: string) => void, onRebuilt: () => void }} handlers
 */
export function createMap(svg, handlers) {
  let sig = '';
  /** @type {Map<string, SVGElement>} */
  let linkEls = new Map();
  /** @type {Map<string, SVGElement>} */
  let nodeEls = new Map();
  let projection = '';

  /** @param {any} topo */
  function build(topo) {
    svg.setAttribute('viewBox', fitView(svg.clientWidth, svg.clientHeight));
    const { positions, projection: proj } = layout(topo.nodes, topo.links);
    projection = proj;
    const offsets = bows(topo.links);
    const labelled = topo.nodes.length <= 60;
    const anyGeo = topo.nodes.some((/** @type {any} */ n) => n.geo);
    const radius = topo.nodes.length > 200 ? 3 : topo.nodes.length > 60 ? 5 : 8;
    linkEls = new Map();
    nodeEls = new Map();
    const linkLayer = s('g', { class: 'links' });
    for (const l of topo.links) {
      const p = positions.get(l.a);
      const q = positions.get(l.b);
      if (!p || !q) continue;
      const { offset, flip } = offsets.get(l.id) ?? { offset: 0, flip: false };
      const d = linkPath(p, q, offset, flip);
      const g = s('g', { class: 'link', 'data-link-id': l.id }, [
        s('path', { class: 'hit', d }),
        s('path', { class: 'wire', d, 'stroke-width': strokeWidth(capacity(l)) }),
        s('title'),
      ]);
      pressable(g, () => handlers.onLink(l.id));
      linkEls.set(l.id, g);
      linkLayer.append(g);
    }
    const nodeLayer = s('g', { class: 'nodes' });
    for (const n of topo.nodes) {
      const p = positions.get(n.id);
      if (!p) continue;
      const name = n.name || n.id;
      const g = s(
        'g',
        {
          class: `node role-${n.role ?? 'unknown'}${n.geo || !anyGeo ? '' : ' no-geo'}`,
          'data-node-id': n.id,
          transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`,
          'aria-label': `Node ${name}${n.role ? `, ${n.role}` : ''}`,
        },
        [
          s('circle', { r: radius }),
          labelled && s('text', { x: radius + 4, y: 4 }, [name]),
          s('title', {}, [name]),
        ],
      );
      pressable(g, () => handlers.onNode(n.id));
      nodeEls.set(n.id, g);
      nodeLayer.append(g);
    }
    svg.replaceChildren(linkLayer, nodeLayer);
  }

  /** @type {any} */
  let last;
  let aspect = 0;
  new ResizeObserver(() => {
    const next = svg.clientHeight / Math.max(1, svg.clientWidth);
    if (Math.abs(next - aspect) / Math.max(aspect, 0.01) < 0.05) return;
    aspect = next;
    if (!last) return;
    build(last);
    handlers.onRebuilt(); // new elements: the owner re-applies colours, highlight and selection
  }).observe(svg);

  return {
    /** @param {any} topo */
    render(topo) {
      last = topo;
      const next = signature(topo);
      if (next !== sig) {
        sig = next;
        build(topo);
      }
      return projection;
    },

    /**
     * @param {any[]} links topology links (for the labels)
     * @param {Map<string, number | undefined>} util utilisation by link id
     * @param {string} source 'planned' or 'live'
     */
    colour(links, util, source) {
      for (const l of links) {
        const g = linkEls.get(l.id);
        if (!g) continue;
        const u = util.get(l.id);
        const cls = utilClass(u);
        for (const c of [...g.classList]) if (/^u(\d|-unknown)/.test(c)) g.classList.remove(c);
        g.classList.add(cls);
        const label = `Link ${l.id}, ${l.a} to ${l.b}, ${source} utilisation ${pct(u)}, capacity ${bandwidth(capacity(l))}`;
        g.setAttribute('aria-label', label);
        const title = g.querySelector('title');
        if (title) title.textContent = label;
      }
    },

    /**
     * Operational state from the twin: links down (both directions), partly down or stale; nodes down or of
     * unknown state. Without a twin every class is cleared (the map then shows planned state only).
     * @param {Map<string, { status: string, stale: boolean }>} links
     * @param {Map<string, string>} nodes
     */
    operational(links, nodes) {
      for (const [id, g] of linkEls) {
        const op = links.get(id);
        g.classList.toggle('down', op?.status === 'down');
        g.classList.toggle('partial', op?.status === 'partial');
        g.classList.toggle('stale', op?.stale === true && op.status !== 'down');
        g.dataset.status = op ? op.status : 'unknown';
        if (op && op.status !== 'up') {
          const label = `${g.getAttribute('aria-label') ?? `Link ${id}`}, ${op.status === 'down' ? 'DOWN' : 'one direction DOWN'}`;
          g.setAttribute('aria-label', label);
          const title = g.querySelector('title');
          if (title) title.textContent = label;
        }
      }
      for (const [id, g] of nodeEls) {
        const st = nodes.get(id);
        g.classList.toggle('down', st === 'down');
        g.classList.toggle('unknown', st === 'unknown');
        g.dataset.status = st ?? 'unknown';
      }
    },

    /**
     * An incident's suspects, with their probability (opacity of the halo, and said in the label).
     * @param {Map<string, number>} links
     * @param {Map<string, number>} nodes
     */
    suspects(links, nodes) {
      for (const [id, g] of linkEls) {
        const p = links.get(id);
        g.classList.toggle('suspect', p !== undefined);
        if (p !== undefined) g.style.setProperty('--suspect', String(Math.max(0.25, p)));
        g.dataset.suspect = p === undefined ? '' : p.toFixed(2);
      }
      for (const [id, g] of nodeEls) {
        const p = nodes.get(id);
        g.classList.toggle('suspect', p !== undefined);
        g.dataset.suspect = p === undefined ? '' : p.toFixed(2);
      }
    },

    /** @param {Set<string>} primary @param {Set<string>} backup */
    highlight(primary, backup) {
      const any = primary.size + backup.size > 0;
      svg.classList.toggle('has-highlight', any);
      for (const [id, g] of linkEls) {
        g.classList.toggle('path-primary', primary.has(id));
        g.classList.toggle('path-backup', backup.has(id) && !primary.has(id));
      }
    },

    /** @param {Set<string>} nodes endpoints and transit nodes of the highlighted paths */
    highlightNodes(nodes) {
      for (const [id, g] of nodeEls) g.classList.toggle('on-path', nodes.has(id));
    },

    /** @param {{ link?: string, node?: string }} sel */
    select(sel) {
      for (const [id, g] of linkEls) {
        g.classList.toggle('selected', id === sel.link);
        g.setAttribute('aria-pressed', String(id === sel.link));
      }
      for (const [id, g] of nodeEls) g.classList.toggle('selected', id === sel.node);
    },
  };
}
