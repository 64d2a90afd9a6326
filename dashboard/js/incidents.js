// The incidents panel: what the closed loop found, where, what it did, and (at autonomy L3) the approve and
// reject buttons. Open incidents first; each shows its state timeline with the network clock's times.

import { h } from './dom.js';

/** The states in the order an incident walks through them (contract of GET /incidents). */
export const TIMELINE = [
  ['detected', 'detectedAt'],
  ['located', 'locatedAt'],
  ['repaired', 'repairedAt'],
  ['resolved', 'resolvedAt'],
];

/**
 * Only `resolved` closes an incident (the API's open states): one that `failed` or `rolled-back` is still
 * open, and is what most needs a person.
 */
const CLOSED = new Set(['resolved']);
const TONE = {
  detected: 'bad',
  located: 'bad',
  repairing: 'busy',
  'awaiting-approval': 'warn',
  repaired: 'ok',
  resolved: 'idle',
  failed: 'bad',
  'rolled-back': 'warn',
};

/** @param {any} i */
export const isOpen = (i) => !CLOSED.has(i?.state);

/** @param {unknown} ms @param {unknown} [from] */
function at(ms, from) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const t = new Date(ms).toISOString().slice(11, 19);
  const d =
    typeof from === 'number' && Number.isFinite(from) ? ` (+${((ms - from) / 1000).toFixed(1)} s)` : '';
  return `${t}${d}`;
}

/** @param {string} state */
export function stateBadge(state) {
  const tone = /** @type {Record<string, string>} */ (TONE)[state] ?? 'idle';
  return h('span', { class: `badge tone-${tone}`, 'data-state': state }, [state]);
}

/** @param {any} i */
function timeline(i) {
  return h(
    'ol',
    { class: 'timeline', 'aria-label': 'State timeline' },
    TIMELINE.map(([name, key]) =>
      h('li', { class: Number.isFinite(i[key]) ? 'done' : 'todo', 'data-step': name }, [
        h('span', { class: 'step' }, [name]),
        h('span', { class: 'when' }, [name === 'detected' ? at(i[key]) : at(i[key], i.detectedAt)]),
      ]),
    ),
  );
}

/** @param {any} s */
const suspect = (s) =>
  h('li', { 'data-suspect': s.id }, [
    `${s.kind} ${s.id} `,
    h('span', { class: 'prob' }, [`${Math.round((s.probability ?? 0) * 100)} %`]),
  ]);

/**
 * One incident, summarised; expanded when selected.
 * @param {any} i
 * @param {{ expanded: boolean, onSelect: (id: string) => void, onDecide: (id: string, verdict: 'approve' | 'reject') => void }} o
 */
function item(i, o) {
  const waiting = i.state === 'awaiting-approval';
  const head = h(
    'button',
    {
      type: 'button',
      class: 'incident-head',
      'aria-expanded': String(o.expanded),
      onclick: () => o.onSelect(i.id),
    },
    [
      h('span', { class: 'incident-class' }, [i.class ?? 'unclassified']),
      ' ',
      stateBadge(i.state),
      h('span', { class: 'incident-where' }, [
        (i.equivalenceClass ?? []).slice(0, 3).join(', ') +
          ((i.equivalenceClass ?? []).length > 3 ? ' …' : ''),
      ]),
    ],
  );
  const body = o.expanded
    ? [
        timeline(i),
        h('dl', { class: 'kv' }, [
          h('dt', {}, ['Confidence']),
          h('dd', {}, [Number.isFinite(i.confidence) ? `${Math.round(i.confidence * 100)} %` : '—']),
          h('dt', {}, ['Equivalence class']),
          h('dd', {}, [(i.equivalenceClass ?? []).join(', ') || '—']),
          h('dt', {}, ['Affected intents']),
          h('dd', {}, [(i.affectedIntents ?? []).join(', ') || 'none']),
        ]),
        (i.suspects ?? []).length > 0 &&
          h('div', {}, [h('h4', {}, ['Suspects']), h('ul', { class: 'suspects' }, i.suspects.map(suspect))]),
        (i.evidence ?? []).length > 0 &&
          h('div', {}, [
            h('h4', {}, ['Evidence']),
            h(
              'ul',
              { class: 'evidence' },
              i.evidence
                .slice(0, 8)
                .map((/** @type {any} */ e) =>
                  h('li', {}, [typeof e === 'string' ? e : (e.detail ?? e.kind ?? JSON.stringify(e))]),
                ),
            ),
          ]),
        (i.actions ?? []).length > 0 &&
          h('div', {}, [
            h('h4', {}, ['Actions']),
            h(
              'ol',
              { class: 'actions' },
              i.actions.map((/** @type {any} */ a) =>
                h('li', { 'data-result': a.result ?? '' }, [
                  `${at(a.at, i.detectedAt)} ${a.kind}: ${typeof a.detail === 'string' ? a.detail : JSON.stringify(a.detail)} `,
                  h('strong', {}, [a.result ?? '']),
                ]),
              ),
            ),
          ]),
      ]
    : [];
  return h(
    'li',
    { class: `incident${isOpen(i) ? ' open' : ''}`, 'data-incident': i.id, 'data-class': i.class ?? '' },
    [
      head,
      waiting &&
        h('div', { class: 'approval', role: 'group', 'aria-label': 'Approval (autonomy L3)' }, [
          h('span', {}, ['Repair proposed: ']),
          h('button', { type: 'button', class: 'approve', onclick: () => o.onDecide(i.id, 'approve') }, [
            'Approve',
          ]),
          h('button', { type: 'button', class: 'reject', onclick: () => o.onDecide(i.id, 'reject') }, [
            'Reject',
          ]),
        ]),
      ...body,
    ],
  );
}

/**
 * @param {HTMLElement} list the <ul>
 * @param {HTMLElement} counts the counts line
 * @param {{ onSelect: (id: string | undefined) => void, onDecide: (id: string, verdict: 'approve' | 'reject') => Promise<void> }} cb
 */
export function createIncidentPanel(list, counts, cb) {
  /** @type {string | undefined} */
  let expanded;
  /** @type {any[]} */
  let last = [];
  const draw = () => {
    const sorted = [...last].sort(
      (a, b) => Number(isOpen(b)) - Number(isOpen(a)) || (b.detectedAt ?? 0) - (a.detectedAt ?? 0),
    );
    const shown = sorted.slice(0, 50);
    list.replaceChildren(
      ...(shown.length === 0
        ? [h('li', { class: 'empty' }, ['No incidents. The closed loop is watching.'])]
        : shown.map((i) =>
            item(i, {
              expanded: i.id === expanded,
              onSelect: (id) => {
                expanded = expanded === id ? undefined : id;
                cb.onSelect(expanded);
                draw();
              },
              onDecide: (id, verdict) => void cb.onDecide(id, verdict).then(draw),
            }),
          )),
    );
    const open = last.filter(isOpen).length;
    const waiting = last.filter((i) => i.state === 'awaiting-approval').length;
    const failed = last.filter((i) => i.state === 'failed' || i.state === 'rolled-back').length;
    counts.textContent =
      `${open} open` +
      (waiting ? ` · ${waiting} awaiting approval` : '') +
      (failed ? ` · ${failed} not repaired` : '') +
      ` · ${last.length} total`;
  };
  return {
    /** @param {any[]} incidents */
    render(incidents) {
      last = incidents;
      draw();
    },
    /** The incident shown expanded (its suspects are drawn on the map). */
    selected() {
      return last.find((i) => i.id === expanded) ?? last.find((i) => isOpen(i));
    },
  };
}

/**
 * Suspects of an incident by kind, for the map.
 * @param {any} incident
 */
export function suspectsOf(incident) {
  /** @type {Map<string, number>} */
  const links = new Map();
  /** @type {Map<string, number>} */
  const nodes = new Map();
  for (const s of incident?.suspects ?? []) {
    if (s.kind === 'link') links.set(s.id, s.probability ?? 0);
    else if (s.kind === 'node') nodes.set(s.id, s.probability ?? 0);
  }
  return { links, nodes };
}
