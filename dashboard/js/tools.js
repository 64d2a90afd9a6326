// Tools for the engineer on a change window: a what-if (fail links, nodes or SRLGs, scale demand; see the
// predicted overloads and broken intents before anything changes) and an intent form with a dry run.

import { ApiRefusedError, sendJson } from './api.js';
import { h } from './dom.js';
import { delay, pct } from './format.js';

const CEILING = 0.85;

/** @param {string} v */
const list = (v) =>
  v
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The what-if request from the form's fields (ids as typed; the controller names any unknown one).
 * @param {{ links: string, nodes: string, srlgs: string, scale: string }} f
 */
export function whatIfRequest(f) {
  /** @type {Record<string, unknown>} */
  const body = {};
  if (list(f.links).length) body.failLinks = list(f.links);
  if (list(f.nodes).length) body.failNodes = list(f.nodes);
  if (list(f.srlgs).length) body.failSrlgs = list(f.srlgs).map(Number);
  if (f.scale.trim() !== '' && Number(f.scale) !== 1) body.demandScale = Number(f.scale);
  return body;
}

/**
 * What a planner reads first: the worst link, the links over the ceiling and the intents that would break.
 * @param {any} r POST /twin/what-if answer
 */
export function whatIfSummary(r) {
  /** @type {Map<string, number>} */
  const byLink = new Map();
  for (const d of r?.links ?? []) {
    const u = typeof d.utilisation === 'number' ? d.utilisation : 0;
    byLink.set(d.link, Math.max(byLink.get(d.link) ?? 0, u));
  }
  const hot = [...byLink].filter(([, u]) => u > CEILING).sort((a, b) => b[1] - a[1]);
  const broken = (r?.intents ?? []).filter((/** @type {any} */ i) => i.sloOk === false);
  return { maxUtilisation: r?.maxUtilisation, byLink, hot, broken };
}

/**
 * @param {HTMLElement} host
 * @param {{ selectedLink: () => string | undefined, preview: (util: Map<string, number> | undefined, failed: Set<string>) => void }} cb
 */
export function createWhatIf(host, cb) {
  const links = h('input', {
    name: 'links',
    placeholder: 'link ids, e.g. L3 L7',
    'aria-label': 'Links to fail',
  });
  const nodes = h('input', { name: 'nodes', placeholder: 'node ids', 'aria-label': 'Nodes to fail' });
  const srlgs = h('input', { name: 'srlgs', placeholder: 'SRLG numbers', 'aria-label': 'SRLGs to fail' });
  const scale = h('input', {
    name: 'scale',
    type: 'number',
    step: '0.1',
    min: '0',
    value: '1',
    'aria-label': 'Demand scale',
  });
  const result = h('div', { class: 'result', id: 'whatif-result', 'aria-live': 'polite' });
  const val = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value;
  const addSelected = () => {
    const id = cb.selectedLink();
    if (id && !list(val(links)).includes(id))
      /** @type {HTMLInputElement} */ (links).value = [...list(val(links)), id].join(' ');
  };
  const form = h('form', { id: 'whatif-form' }, [
    h('label', {}, ['Fail links']),
    h('span', {}, [
      links,
      ' ',
      h('button', { type: 'button', onclick: addSelected, title: 'Add the link selected on the map' }, [
        '+ selected',
      ]),
    ]),
    h('label', {}, ['Fail nodes']),
    nodes,
    h('label', {}, ['Fail SRLGs']),
    srlgs,
    h('label', {}, ['Demand ×']),
    scale,
    h('div', { class: 'actions-row' }, [
      h('button', { type: 'submit' }, ['Predict']),
      h(
        'button',
        { type: 'button', onclick: () => (cb.preview(undefined, new Set()), result.replaceChildren()) },
        ['Clear'],
      ),
    ]),
    result,
  ]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = whatIfRequest({
      links: val(links),
      nodes: val(nodes),
      srlgs: val(srlgs),
      scale: val(scale),
    });
    result.replaceChildren(h('p', { class: 'hint' }, ['predicting…']));
    sendJson('POST', '/twin/what-if', body).then(
      (r) => {
        const s = whatIfSummary(r);
        cb.preview(s.byLink, new Set(/** @type {string[]} */ (body.failLinks ?? [])));
        result.replaceChildren(
          h('p', { 'data-max-util': String(s.maxUtilisation) }, [
            `Predicted max utilisation ${pct(s.maxUtilisation)}`,
          ]),
          h('p', {}, [
            s.hot.length === 0
              ? `No link above ${pct(CEILING)}.`
              : `Over ${pct(CEILING)}: ${s.hot.map(([l, u]) => `${l} ${pct(u)}`).join(', ')}`,
          ]),
          s.broken.length === 0
            ? h('p', {}, ['No intent would break.'])
            : h(
                'ul',
                { class: 'broken-intents' },
                s.broken.map((/** @type {any} */ i) =>
                  h('li', { class: 'bad', 'data-intent': i.name }, [
                    `${i.name}: `,
                    (i.violations ?? [])
                      .map(
                        (/** @type {any} */ v) =>
                          `${v.slo} ${v.slo === 'maxDelayUs' ? delay(v.predicted) : v.predicted} > ${v.slo === 'maxDelayUs' ? delay(v.bound) : v.bound}`,
                      )
                      .join('; ') || 'SLO broken',
                  ]),
                ),
              ),
        );
      },
      (err) =>
        result.replaceChildren(
          h('p', { class: 'bad' }, [err instanceof ApiRefusedError ? err.message : String(err)]),
        ),
    );
  });
  host.append(h('details', { id: 'whatif' }, [h('summary', {}, ['What-if']), form]));
}

/**
 * @param {HTMLElement} host
 * @param {{ nodes: () => Array<{ id: string, name?: string }>, onDeployed: (name: string) => void }} cb
 */
export function createIntentForm(host, cb) {
  const input = (/** @type {Record<string, unknown>} */ attrs) => h('input', attrs);
  const name = input({
    name: 'name',
    required: true,
    pattern: '[a-z0-9][a-z0-9-]*',
    placeholder: 'chi-atl-gold',
    'aria-label': 'Intent name',
  });
  const a = h('select', { name: 'a', 'aria-label': 'Endpoint A' });
  const b = h('select', { name: 'b', 'aria-label': 'Endpoint B' });
  const bw = input({ name: 'bw', type: 'number', min: '1', value: '1000', 'aria-label': 'Bandwidth Mbit/s' });
  const maxDelay = input({
    name: 'delay',
    type: 'number',
    min: '0',
    step: '0.1',
    placeholder: 'none',
    'aria-label': 'Max delay ms',
  });
  const prot = h(
    'select',
    { name: 'protection', 'aria-label': 'Protection' },
    ['none', 'link-disjoint', 'node-disjoint', 'srlg-disjoint'].map((p) => h('option', { value: p }, [p])),
  );
  const result = h('div', { class: 'result', id: 'intent-form-result', 'aria-live': 'polite' });
  const fill = () => {
    const opts = cb.nodes().map((n) => [n.id, n.name && n.name !== n.id ? `${n.name} (${n.id})` : n.id]);
    for (const sel of [a, b]) {
      if (sel.childElementCount === opts.length) continue;
      sel.replaceChildren(...opts.map(([id, label]) => h('option', { value: id }, [label])));
    }
    if (/** @type {HTMLSelectElement} */ (b).selectedIndex === 0 && opts.length > 1)
      /** @type {HTMLSelectElement} */ (b).selectedIndex = 1;
  };
  const v = (/** @type {HTMLElement} */ el) => /** @type {HTMLInputElement} */ (el).value;
  const spec = () => ({
    name: v(name),
    kind: 'connectivity',
    endpoints: { a: v(a), b: v(b) },
    slo: {
      bandwidthMbps: Number(v(bw)),
      ...(v(maxDelay) !== '' && { maxDelayUs: Math.round(Number(v(maxDelay)) * 1000) }),
    },
    sle: { protection: v(prot) },
  });
  const send = (/** @type {boolean} */ dry) => {
    result.replaceChildren(h('p', { class: 'hint' }, [dry ? 'planning…' : 'deploying…']));
    const s = spec();
    const call = dry
      ? sendJson('POST', '/intents?dryRun=true', s)
      : sendJson('PUT', `/intents/${encodeURIComponent(s.name)}`, s);
    call.then(
      (r) => {
        result.replaceChildren(...explain(r, dry));
        if (!dry) cb.onDeployed(s.name);
      },
      (err) =>
        result.replaceChildren(
          h('p', { class: 'bad', role: 'alert' }, [
            err instanceof ApiRefusedError ? err.message : String(err),
          ]),
        ),
    );
  };
  const form = h('form', { id: 'intent-form' }, [
    h('label', {}, ['Name']),
    name,
    h('label', {}, ['From']),
    a,
    h('label', {}, ['To']),
    b,
    h('label', {}, ['Mbit/s']),
    bw,
    h('label', {}, ['Max delay (ms)']),
    maxDelay,
    h('label', {}, ['Protection']),
    prot,
    h('div', { class: 'actions-row' }, [
      h('button', { type: 'button', class: 'dry-run', onclick: () => send(true) }, ['Dry run']),
      h('button', { type: 'submit' }, ['Deploy']),
    ]),
    result,
  ]);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send(false);
  });
  const details = h('details', { id: 'new-intent' }, [h('summary', {}, ['New intent']), form]);
  details.addEventListener('toggle', fill);
  host.append(details);
}

/**
 * The plan as it would be deployed: per policy its paths with delay and SIDs, and the verification checks.
 * @param {any} r dry-run or PUT answer @param {boolean} dry
 */
function explain(r, dry) {
  const checks = r?.verification?.checks ?? r?.checks ?? [];
  return [
    h('p', {}, [dry ? 'Plan (not deployed):' : `Intent ${r?.name ?? ''} ${r?.status ?? ''}`]),
    ...(r?.plan?.policies ?? []).map((/** @type {any} */ p) =>
      h('div', { class: 'plan-policy' }, [
        h('strong', {}, [`${p.headend} → ${p.endpoint}`]),
        ...(p.candidatePaths ?? []).map((/** @type {any} */ cp) =>
          h('p', {}, [
            `${cp.role}: ${(cp.nodes ?? []).join(' → ')} · ${delay(cp.delayUs)} · ${(cp.segments ?? []).length} SID(s)`,
          ]),
        ),
      ]),
    ),
    checks.length > 0 &&
      h(
        'ul',
        { class: 'checks' },
        checks.map((/** @type {any} */ c) =>
          h('li', { class: c.ok ? '' : 'bad' }, [`${c.ok ? '✓' : '✗'} ${c.check}: ${c.detail}`]),
        ),
      ),
  ];
}
