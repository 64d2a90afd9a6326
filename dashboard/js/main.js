// Bootstrap and state: polls health, topology and intents; listens to the intent stream; draws.

import { api, ApiRefusedError, ApiStatusError, ApiUnreachableError, sendJson } from './api.js';
import { createIncidentPanel, suspectsOf } from './incidents.js';
import { createIntentForm, createWhatIf } from './tools.js';
import { byId } from './dom.js';
import { clock, plannedUtilisation } from './format.js';
import { createMap } from './map.js';
import { createCanvasMap } from './map-canvas.js';
import { createIntentPanel, tone } from './intents.js';
import { intentDetail, linkDetail, nodeDetail, pathLinks, sloSection, twinSection } from './details.js';
import { intentChart, linkChart } from './charts.js';
import { connectIntentStream, connectStream, readTelemetry, telemetrySummary } from './live.js';
import { linkOps, nodeOps, policiesByIntent, sloView } from './twin.js';

const params = new URLSearchParams(location.search);
/** Refresh period in ms (`?refresh=` overrides, e.g. for tests or a slow wall screen). */
const REFRESH_MS = Math.max(250, Number(params.get('refresh')) || 10_000);
const TELEMETRY_MS = Math.max(REFRESH_MS, 15_000);
/** Twin state period (`?twin=` overrides): operational truth at 1 Hz by default. */
const TWIN_MS = Math.max(250, Number(params.get('twin')) || 1000);
const MAX_RETRY_MS = 30_000;

const state = {
  /** @type {any} */ topology: { nodes: [], links: [] },
  /** @type {Map<string, any>} */ intents: new Map(),
  /** @type {{ kind: 'intent' | 'link' | 'node', id: string } | undefined} */ selection: undefined,
  /** @type {Map<string, number>} */ live: new Map(),
  twin: {
    /** undefined until asked; false when the controller has no twin (then per-link telemetry is polled) */
    /** @type {boolean | undefined} */ available: undefined,
    /** @type {Map<string, import('./twin.js').LinkOps>} */ links: new Map(),
    /** @type {Map<string, 'up' | 'down' | 'unknown'>} */ nodes: new Map(),
    /** @type {Map<string, import('./twin.js').TwinPolicy[]>} */ policies: new Map(),
    at: 0,
  },
  /** A what-if shown on the map instead of the live state, until cleared. */
  /** @type {{ util: Map<string, number>, failed: Set<string> } | undefined} */ preview: undefined,
  down: false,
  problem: '',
  lastContact: /** @type {Date | undefined} */ (undefined),
  retryMs: 2000,
  nextAttempt: 0,
};

/** Above this many links the map is drawn on a canvas (`?canvas=N` overrides; see map-canvas.js). */
const CANVAS_ABOVE = Number(params.get('canvas')) || 600;
const mapHandlers = {
  onLink: (/** @type {string} */ id) => select({ kind: 'link', id }),
  onNode: (/** @type {string} */ id) => select({ kind: 'node', id }),
  onRebuilt: () => {
    drawTopology();
    drawSelection();
    drawSuspects();
  },
};
/** @type {ReturnType<typeof createMap> | ReturnType<typeof createCanvasMap>} */
let map = createMap(/** @type {SVGSVGElement} */ (/** @type {unknown} */ (byId('map'))), mapHandlers);

/** Switches to the canvas renderer once, when the topology turns out to be large. @param {any} topo */
function chooseRenderer(topo) {
  if (topo.links.length <= CANVAS_ABOVE || 'stats' in map) return;
  const svg = byId('map');
  const canvas = /** @type {HTMLCanvasElement} */ (document.createElement('canvas'));
  canvas.id = 'map-canvas';
  canvas.className = 'map';
  canvas.setAttribute('role', 'img');
  svg.replaceWith(canvas);
  map = createCanvasMap(canvas, mapHandlers);
  /** @type {any} */ (window).autonetMap = map; // the rendering benchmark reads frame counts from it
}
const panel = createIntentPanel(byId('intent-list'), byId('intents-empty'), (name) =>
  select(
    state.selection?.kind === 'intent' && state.selection.id === name
      ? undefined
      : { kind: 'intent', id: name },
  ),
);

const incidents = createIncidentPanel(byId('incident-list'), byId('incident-counts'), {
  onSelect: () => drawSuspects(),
  onDecide: async (id, verdict) => {
    try {
      await sendJson('POST', `/incidents/${encodeURIComponent(id)}/${verdict}`);
    } catch (err) {
      window.alert(
        `Could not ${verdict} incident ${id}: ${err instanceof ApiRefusedError ? err.message : err}`,
      );
    }
    await pollIncidents();
  },
});

createWhatIf(byId('tools'), {
  selectedLink: () => (state.selection?.kind === 'link' ? state.selection.id : undefined),
  preview: (util, failed) => {
    state.preview = util ? { util, failed } : undefined;
    drawTopology();
  },
});
createIntentForm(byId('tools'), {
  nodes: () => state.topology.nodes,
  onDeployed: (name) => {
    void refresh().then(() => select({ kind: 'intent', id: name }));
  },
});

/** The selected (or newest open) incident's suspects, on the map. */
function drawSuspects() {
  const s = suspectsOf(incidents.selected());
  map.suspects(s.links, s.nodes);
}

let incidentsTimer = 0;
/** Incidents: fetched on every stream event (coalesced) and every refresh period; hidden without a loop. */
async function pollIncidents() {
  clearTimeout(incidentsTimer);
  try {
    const body = await api.incidents();
    byId('incidents').hidden = false;
    incidents.render(body.incidents ?? []);
    drawSuspects();
  } catch (err) {
    if (err instanceof ApiStatusError && err.status === 404) byId('incidents').hidden = true;
  }
  incidentsTimer = window.setTimeout(pollIncidents, REFRESH_MS);
}

let incidentSoon = 0;
connectStream(
  '/incidents/events',
  ['incident', 'incident.opened', 'incident.updated', 'incident.state', 'incident.resolved'],
  {
    onState: () => {},
    onEvent: () => {
      clearTimeout(incidentSoon);
      incidentSoon = window.setTimeout(pollIncidents, 200);
    },
  },
);

/** @param {string} id @param {'ok' | 'warn' | 'bad' | 'unknown'} level @param {string} text */
function pill(id, level, text) {
  const el = byId(id);
  el.dataset.state = level;
  /** @type {HTMLElement} */ (el.querySelector('.pill-value')).textContent = text;
}

/** @param {{ kind: 'intent' | 'link' | 'node', id: string } | undefined} sel */
function select(sel) {
  state.selection = sel;
  drawSelection();
  drawChart();
}

/** The network's clock (simulated time with the embedded simulator): what the series are stamped with. */
const networkNow = () => state.twin.at || Date.now();

/** The chart of the selection, rebuilt only when the selection changes (it refreshes itself). */
function drawChart() {
  const sel = state.selection;
  const host = byId('detail-chart');
  let chart;
  if (sel?.kind === 'intent') {
    const intent = state.intents.get(sel.id);
    if (intent?.plan?.policies?.length) chart = intentChart(intent, networkNow);
  } else if (sel?.kind === 'link') {
    const link = state.topology.links.find((/** @type {any} */ l) => l.id === sel.id);
    if (link) chart = linkChart(link, networkNow);
  }
  host.replaceChildren(...(chart ? [chart] : []));
}

function drawSelection() {
  const sel = state.selection;
  const intent = sel?.kind === 'intent' ? state.intents.get(sel.id) : undefined;
  const paths = pathLinks(intent);
  map.highlight(paths.primary, paths.backup);
  map.highlightNodes(paths.nodes);
  map.select({
    link: sel?.kind === 'link' ? sel.id : undefined,
    node: sel?.kind === 'node' ? sel.id : undefined,
  });
  panel.select(intent ? sel?.id : undefined);
  const detail = byId('detail');
  let content;
  if (intent)
    content = intentDetail(
      intent,
      state.twin.available ? [sloSection(sloView(intent, state.twin.policies.get(intent.name) ?? []))] : [],
    );
  else if (sel?.kind === 'link') {
    const link = state.topology.links.find((/** @type {any} */ l) => l.id === sel.id);
    const carried = [...state.intents.values()].filter((i) => {
      const p = pathLinks(i);
      return p.primary.has(sel.id) || p.backup.has(sel.id);
    });
    const ops = state.twin.links.get(sel.id);
    content =
      link &&
      linkDetail(link, state.live.get(link.id), carried, (name) => select({ kind: 'intent', id: name }));
    if (content && ops) content.splice(2, 0, twinSection(ops));
  } else if (sel?.kind === 'node') {
    const node = state.topology.nodes.find((/** @type {any} */ n) => n.id === sel.id);
    content = node && nodeDetail(node);
  }
  byId('clear-selection').hidden = !content;
  if (!content) {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = 'Select an intent to see its paths, or a link to see its bandwidth.';
    content = [hint];
  }
  detail.replaceChildren(...content.filter(Boolean));
}

function drawTopology() {
  const topo = state.topology;
  byId('topo-name').textContent = topo.name ?? '';
  byId('map-empty').hidden = topo.nodes.length > 0;
  chooseRenderer(topo);
  const projection = map.render(topo);
  const proj = projection === 'mercator' ? 'Web-Mercator' : projection === 'force' ? 'force layout' : '';
  byId('topo-counts').textContent =
    `${topo.nodes.length} nodes · ${topo.links.length} links${proj ? ` · ${proj}` : ''}`;
  const twin = state.twin.available === true;
  const live = twin || topo.links.some((/** @type {any} */ l) => state.live.has(l.id));
  /** @type {Map<string, number | undefined>} */
  const util = new Map(
    topo.links.map((/** @type {any} */ l) => [l.id, state.live.get(l.id) ?? plannedUtilisation(l)]),
  );
  const preview = state.preview;
  if (preview) {
    map.colour(topo.links, preview.util, 'predicted');
    const failed = new Map([...preview.failed].map((id) => [id, { status: 'down', stale: false }]));
    map.operational(failed, new Map());
    byId('util-source').textContent = 'Colour: what-if prediction (nothing changed in the network)';
    return;
  }
  map.colour(topo.links, util, live ? 'live' : 'planned');
  map.operational(state.twin.links, state.twin.nodes);
  const down = [...state.twin.links.values()].filter((o) => o.status !== 'up').length;
  const nodesDown = [...state.twin.nodes.values()].filter((st) => st === 'down').length;
  byId('util-source').textContent = twin
    ? `Colour: digital twin, measured${down ? ` · ${down} link${down === 1 ? '' : 's'} down` : ''}${nodesDown ? ` · ${nodesDown} node${nodesDown === 1 ? '' : 's'} down` : ''}`
    : live
      ? `Colour: live telemetry (${topo.links.filter((/** @type {any} */ l) => state.live.has(l.id)).length}/${topo.links.length} links)`
      : 'Colour: reserved ÷ capacity (planned)';
}

function drawIntents() {
  const all = [...state.intents.values()];
  panel.render(all, state.selection?.kind === 'intent' ? state.selection.id : undefined);
  /** @type {Record<string, number>} */
  const tones = {};
  for (const i of all) tones[tone(i.status)] = (tones[tone(i.status)] ?? 0) + 1;
  const parts = [`${all.length} total`];
  if (tones.bad) parts.push(`${tones.bad} failed`);
  if (tones.warn) parts.push(`${tones.warn} degraded`);
  byId('intent-counts').textContent = parts.join(' · ');
}

/** @param {any} health */
function drawHealth(health) {
  const net = health?.network;
  const nes = net && Number.isFinite(net.nes) ? ` · ${net.up}/${net.nes} NEs up` : '';
  const ok = health?.status === 'ok' && (!net || net.up === net.nes);
  pill('health', ok ? 'ok' : 'warn', `${health?.status ?? 'unknown'}${nes}`);
}

function drawBanner() {
  const banner = byId('banner');
  banner.hidden = !state.down;
  if (!state.down) return;
  const secs = Math.max(0, Math.ceil((state.nextAttempt - Date.now()) / 1000));
  const last = state.lastContact ? `Last contact ${clock(state.lastContact)}. ` : '';
  byId('banner-title').textContent = state.problem;
  byId('banner-detail').textContent = `${last}Retrying in ${secs} s; the data shown may be stale.`;
}

let refreshTimer = 0;
let telemetryStarted = false;
let refreshing = false;
let again = false;

async function refresh() {
  if (refreshing) {
    again = true; // an event arrived mid-flight: the answer in flight may predate it
    return;
  }
  refreshing = true;
  again = false;
  clearTimeout(refreshTimer);
  try {
    // the map does not wait for health (it checks every NE: the slowest call on a large network)
    const healthy = api.health();
    healthy.catch(() => {}); // awaited below; this only stops an early failure counting as unhandled
    const [topology, intents] = await Promise.all([api.topology(), api.intents()]);
    state.down = false;
    state.retryMs = 2000;
    state.lastContact = new Date();
    state.topology = { nodes: topology.nodes ?? [], links: topology.links ?? [], name: topology.name };
    state.intents = new Map((intents.intents ?? []).map((/** @type {any} */ i) => [i.name, i]));
    drawTopology();
    drawIntents();
    drawSelection();
    drawHealth(await healthy);
    byId('updated').textContent = `Updated ${clock(state.lastContact)}`;
    if (!telemetryStarted) {
      telemetryStarted = true;
      void pollTwin();
    }
    state.nextAttempt = Date.now() + REFRESH_MS;
  } catch (err) {
    if (!(err instanceof ApiUnreachableError)) console.error('dashboard: refresh failed', err);
    state.down = true;
    state.problem =
      err instanceof ApiUnreachableError
        ? 'Controller API unreachable.'
        : `Controller API error (${err instanceof Error ? err.message : err}).`;
    pill('health', 'bad', err instanceof ApiUnreachableError ? 'unreachable' : 'error');
    state.nextAttempt = Date.now() + state.retryMs;
    state.retryMs = Math.min(state.retryMs * 2, MAX_RETRY_MS);
  } finally {
    refreshing = false;
    drawBanner();
    const wait = again && !state.down ? 0 : Math.max(0, state.nextAttempt - Date.now());
    refreshTimer = window.setTimeout(refresh, wait);
  }
}

let soonTimer = 0;
/** Coalesces bursts of events into one refresh. */
function refreshSoon(ms = 400) {
  clearTimeout(soonTimer);
  soonTimer = window.setTimeout(refresh, ms);
}

/** Operational truth: the twin's state at 1 Hz; per-link telemetry polling only when there is no twin. */
async function pollTwin() {
  if (!state.down) {
    try {
      const t = await api.twinState();
      state.twin.available = true;
      state.twin.links = linkOps(t);
      state.twin.nodes = nodeOps(t);
      state.twin.policies = policiesByIntent(t);
      state.twin.at = Number(t.at) || 0;
      state.live = new Map(
        [...state.twin.links].flatMap(([id, o]) => (o.util === undefined ? [] : [[id, o.util]])),
      );
      drawTopology();
      drawSelection();
      void pollTelemetryStatus();
    } catch (err) {
      if (err instanceof ApiStatusError && err.status === 404) {
        state.twin.available = false;
        void pollTelemetry();
        return;
      }
    }
  }
  window.setTimeout(pollTwin, TWIN_MS);
}

let statusAt = 0;
/** The telemetry pill, every 5 s while the twin drives the colours. */
async function pollTelemetryStatus() {
  if (Date.now() - statusAt < 5000) return;
  statusAt = Date.now();
  try {
    const sum = telemetrySummary(await api.telemetryStatus());
    pill('telemetry', sum.ok ? 'ok' : 'warn', sum.text);
  } catch {
    pill('telemetry', 'unknown', 'not available');
  }
}

async function pollTelemetry() {
  if (!state.down && state.topology.links.length > 0) {
    try {
      const t = await readTelemetry(state.topology.links.map((/** @type {any} */ l) => l.id));
      state.live = t.util;
      if (!t.available) pill('telemetry', 'unknown', 'not available');
      else {
        const sum = telemetrySummary(t.status);
        pill('telemetry', sum.ok ? 'ok' : 'warn', sum.text);
      }
      drawTopology();
    } catch {
      pill('telemetry', 'bad', 'unreachable');
    }
  }
  // one request per link: big topologies are polled less often (at most ~20 requests/s per dashboard)
  window.setTimeout(pollTelemetry, Math.max(TELEMETRY_MS, state.topology.links.length * 50));
}

const stream = connectIntentStream({
  onState: (s) => {
    if (s === 'polling') return pill('stream', 'unknown', 'polling');
    pill('stream', s === 'open' ? 'ok' : 'warn', s === 'open' ? 'connected' : 'reconnecting…');
    if (s !== 'open') refreshSoon(0); // the stream broke: find out at once whether the API is down
  },
  onEvent: (type, data) => {
    if (type === 'intent.status' && data?.intent) {
      const prev = state.intents.get(data.intent);
      if (prev) {
        const next = { ...prev, status: data.status, reason: data.reason };
        state.intents.set(data.intent, next);
        panel.update(next);
        if (state.selection?.kind === 'intent' && state.selection.id === data.intent) drawSelection();
      }
      refreshSoon();
    } else if (type === 'intent.removed' && data?.intent) {
      state.intents.delete(data.intent);
      drawIntents();
      refreshSoon();
    }
  },
});

byId('banner-retry').addEventListener('click', () => {
  state.retryMs = 2000;
  stream.reconnect();
  void refresh();
  void pollIncidents();
});
byId('clear-selection').addEventListener('click', () => select(undefined));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && state.selection) select(undefined);
});
window.setInterval(drawBanner, 1000);

void refresh();
void pollIncidents();
