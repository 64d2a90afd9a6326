// The detail panel: a link's per-direction bandwidth, an intent's paths, a node's identity.

import { h } from './dom.js';
import { badge } from './intents.js';
import { bandwidth, delay, pct, utilClass } from './format.js';

/** @param {string} term @param {Node | string} value */
const row = (term, value) => [h('dt', {}, [term]), h('dd', {}, [value])];

/** @param {any} d one direction of a link */
function direction(d) {
  const u = d.capacityMbps > 0 ? d.reservedMbps / d.capacityMbps : undefined;
  const stat = (/** @type {string} */ t, /** @type {string} */ v) =>
    h('div', {}, [h('dt', {}, [t]), h('dd', {}, [v])]);
  return h('section', { class: 'direction', 'aria-label': `Direction ${d.from} to ${d.to}` }, [
    h('h4', {}, [
      `${d.from} → ${d.to}`,
      h('span', { class: 'path-meta' }, [
        `${pct(u)} reserved${d.delayUs !== undefined ? ` · ${delay(d.delayUs)}` : ''}`,
      ]),
    ]),
    h('div', { class: `bar ${utilClass(u)}`, role: 'img', 'aria-label': `${pct(u)} reserved` }, [
      h('span', { style: `width:${Math.min(100, (u ?? 0) * 100).toFixed(1)}%` }),
    ]),
    h('dl', { class: 'stats' }, [
      stat('Capacity', bandwidth(d.capacityMbps)),
      stat('Reserved', bandwidth(d.reservedMbps)),
      stat('Free', bandwidth(d.freeMbps)),
    ]),
  ]);
}

/**
 * @param {any} link
 * @param {number | undefined} live live utilisation (fraction) when telemetry has it
 * @param {any[]} [carried] intents whose primary or backup path crosses the link
 * @param {(name: string) => void} [onIntent]
 */
export function linkDetail(link, live, carried = [], onIntent = () => {}) {
  const extra = [
    ...(live !== undefined ? row('Live utilisation', pct(live)) : []),
    ...(link.srlgs?.length ? row('SRLGs', link.srlgs.join(', ')) : []),
    ...(link.affinities?.length ? row('Affinities', link.affinities.join(', ')) : []),
  ];
  return [
    h('h3', {}, [`Link ${link.id}`]),
    h('p', { class: 'sub' }, [`${link.a} ↔ ${link.b}`]),
    extra.length > 0 && h('dl', { class: 'kv' }, extra),
    ...(link.directions ?? []).map(direction),
    h('h4', {}, [`Intents on this link (${carried.length})`]),
    carried.length === 0
      ? h('p', { class: 'hint' }, ['None.'])
      : h(
          'ul',
          { class: 'carried' },
          carried.map((i) =>
            h('li', {}, [
              h('button', { type: 'button', class: 'linkish', onclick: () => onIntent(i.name) }, [i.name]),
              ` ${pathLinks(i).primary.has(link.id) ? 'primary' : 'backup'} `,
              badge(i.status),
            ]),
          ),
        ),
  ];
}

/** @param {string} role @param {any} cp a candidate path */
function pathBlock(role, cp) {
  return h('section', { class: `path path-${role}`, 'aria-label': `${role} path` }, [
    h('h4', {}, [
      `${role === 'primary' ? 'Primary' : 'Backup'} path`,
      h('span', { class: 'path-meta' }, [`${delay(cp.delayUs)} · metric ${cp.metric ?? '—'}`]),
    ]),
    h(
      'ol',
      { class: 'hops' },
      (cp.nodes ?? []).map((/** @type {string} */ n) => h('li', {}, [n])),
    ),
    h('p', { class: 'sids' }, [
      `${(cp.segments ?? []).length} SID${(cp.segments ?? []).length === 1 ? '' : 's'}: `,
      h('code', {}, [(cp.segments ?? []).map((/** @type {any} */ sg) => sg.sid).join(' ') || '—']),
    ]),
  ]);
}

/**
 * Measured against bound, per SLO, from the twin's probes: a verdict word and a bar, never colour alone.
 * @param {ReturnType<typeof import('./twin.js').sloView>} view
 */
export function sloSection(view) {
  const fmt = (/** @type {string} */ k, /** @type {number | undefined} */ v) =>
    v === undefined ? '—' : k === 'loss' ? `${+v.toFixed(3)} %` : delay(v);
  const verdict = view.ok === null ? 'not measured' : view.ok ? 'SLO met' : 'SLO violated';
  return h('section', { class: 'slo', 'aria-label': 'Service level, measured' }, [
    h('h4', {}, [
      'Measured SLO ',
      h(
        'span',
        {
          class: `badge tone-${view.ok === null ? 'idle' : view.ok ? 'ok' : 'bad'}`,
          'data-slo': String(view.ok),
        },
        [verdict],
      ),
    ]),
    h('table', { class: 'slo-table' }, [
      h('tr', {}, [h('th', {}, ['']), h('th', {}, ['measured']), h('th', {}, ['bound']), h('th', {}, [''])]),
      ...view.rows.map((r) =>
        h('tr', { 'data-slo-row': r.slo, class: r.ok === false ? 'violated' : '' }, [
          h('th', {}, [r.slo]),
          h('td', {}, [fmt(r.slo, r.measured)]),
          h('td', {}, [r.bound === undefined ? '—' : fmt(r.slo, r.bound)]),
          h('td', {}, [r.ok === null ? '' : r.ok ? 'ok' : 'VIOLATED']),
        ]),
      ),
    ]),
    view.stalePolicies > 0 &&
      h('p', { class: 'hint' }, [`${view.stalePolicies} policy probe(s) stale: not used for the verdict.`]),
  ]);
}

/**
 * A link's live per-direction state from the twin.
 * @param {import('./twin.js').LinkOps} ops
 */
export function twinSection(ops) {
  return h('section', { class: 'twin-dirs', 'aria-label': 'Operational state (digital twin)' }, [
    h('h4', {}, ['Operational state']),
    h('table', { class: 'slo-table' }, [
      h(
        'tr',
        {},
        ['direction', 'status', 'util.', 'load', 'delay', 'loss'].map((t) => h('th', {}, [t])),
      ),
      ...ops.directions.map((d) =>
        h('tr', { class: d.status === 'down' ? 'violated' : d.stale ? 'stale' : '' }, [
          h('th', {}, [`${d.from} → ${d.to}`]),
          h('td', {}, [d.status === 'down' ? 'DOWN' : d.stale ? 'up (stale)' : 'up']),
          h('td', {}, [pct(d.utilisation ?? undefined)]),
          h('td', {}, [bandwidth(d.loadMbps)]),
          h('td', {}, [delay(d.delayUs ?? undefined)]),
          h('td', {}, [d.lossPct === null || d.lossPct === undefined ? '—' : `${+d.lossPct.toFixed(3)} %`]),
        ]),
      ),
    ]),
  ]);
}

/**
 * @param {any} i an intent as GET /intents returns it
 * @param {Node[]} [extra] sections shown under the summary (SLO, charts)
 */
export function intentDetail(i, extra = []) {
  const slo = i.slo ?? {};
  const policies = i.plan?.policies ?? [];
  return [
    h('h3', {}, [i.name, ' ', badge(i.status)]),
    i.reason && h('p', { class: 'reason', role: 'note' }, [i.reason]),
    h('dl', { class: 'kv' }, [
      ...row('Endpoints', `${i.endpoints?.a ?? '?'} ↔ ${i.endpoints?.b ?? '?'}`),
      ...row('Bandwidth', bandwidth(slo.bandwidthMbps)),
      ...(slo.maxDelayUs !== undefined ? row('Max delay', delay(slo.maxDelayUs)) : []),
      ...row('Protection', i.sle?.protection ?? 'none'),
      ...(i.slice ? row('Slice', i.slice) : []),
    ]),
    ...extra,
    ...(policies.length === 0
      ? [h('p', { class: 'hint' }, ['No plan: nothing is drawn on the map.'])]
      : policies.map((/** @type {any} */ p) =>
          h('section', { class: 'policy' }, [
            h('h4', { class: 'policy-name' }, [
              `${p.name} · ${p.headend} → ${p.endpoint} · color ${p.color}`,
            ]),
            ...(p.candidatePaths ?? []).map((/** @type {any} */ cp) => pathBlock(cp.role, cp)),
          ]),
        )),
  ];
}

/** @param {any} n a topology node */
export function nodeDetail(n) {
  return [
    h('h3', {}, [n.name || n.id]),
    h('dl', { class: 'kv' }, [
      ...row('Id', n.id),
      ...row('Role', n.role ?? 'unknown'),
      ...(n.site ? row('Site', n.site) : []),
      ...(n.sid ? row('End SID', h('code', {}, [n.sid])) : []),
      ...row(
        'Location',
        n.geo ? `${n.geo.lat.toFixed(3)}, ${n.geo.lon.toFixed(3)}` : 'none (placed by layout)',
      ),
    ]),
  ];
}

/**
 * Links of an intent's plan, by candidate-path role; a link in any primary path counts as primary.
 * @param {any} intent
 */
export function pathLinks(intent) {
  const primary = new Set();
  const backup = new Set();
  const nodes = new Set();
  for (const p of intent?.plan?.policies ?? []) {
    for (const cp of p.candidatePaths ?? []) {
      for (const l of cp.links ?? []) (cp.role === 'primary' ? primary : backup).add(l);
      for (const n of cp.nodes ?? []) nodes.add(n);
    }
  }
  for (const l of primary) backup.delete(l);
  return { primary, backup, nodes };
}
