// The digital twin as the map reads it: per link the worse of its two directions (down beats up, the busier
// utilisation, stale when a direction is), per node its status, per intent its measured SLO figures.

/**
 * @typedef {{ link: string, from: string, to: string, status: 'up' | 'down', capacityMbps: number,
 *   loadMbps: number, utilisation: number | null, delayUs: number | null, lossPct: number | null,
 *   reservedMbps: number, stale: boolean }} TwinDirection
 * @typedef {{ status: 'up' | 'down' | 'partial', util: number | undefined, stale: boolean,
 *   delayUs: number | undefined, lossPct: number | undefined, directions: TwinDirection[] }} LinkOps
 * @typedef {{ headend: string, name: string, intent: string | null, delayUs: number | null,
 *   lossPct: number | null, jitterUs?: number | null, sloOk: boolean | null, stale?: boolean }} TwinPolicy
 */

/** @param {unknown} x @returns {number | undefined} */
const num = (x) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/**
 * Folds the twin's per-direction entries into one entry per link.
 * @param {any} state GET /twin/state
 * @returns {Map<string, LinkOps>}
 */
export function linkOps(state) {
  /** @type {Map<string, TwinDirection[]>} */
  const byLink = new Map();
  for (const d of state?.links ?? []) {
    if (typeof d?.link !== 'string') continue;
    byLink.set(d.link, [...(byLink.get(d.link) ?? []), d]);
  }
  /** @type {Map<string, LinkOps>} */
  const out = new Map();
  for (const [id, dirs] of byLink) {
    const down = dirs.filter((d) => d.status === 'down').length;
    const stale = dirs.some((d) => d.stale);
    const utils = dirs.map((d) => num(d.utilisation)).filter((u) => u !== undefined);
    const delays = dirs.map((d) => num(d.delayUs)).filter((u) => u !== undefined);
    const losses = dirs.map((d) => num(d.lossPct)).filter((u) => u !== undefined);
    out.set(id, {
      status: down === 0 ? 'up' : down === dirs.length ? 'down' : 'partial',
      util: utils.length > 0 && !stale ? Math.max(...utils) : undefined,
      stale,
      delayUs: delays.length > 0 ? Math.max(...delays) : undefined,
      lossPct: losses.length > 0 ? Math.max(...losses) : undefined,
      directions: dirs,
    });
  }
  return out;
}

/**
 * @param {any} state GET /twin/state
 * @returns {Map<string, 'up' | 'down' | 'unknown'>}
 */
export function nodeOps(state) {
  return new Map((state?.nodes ?? []).map((/** @type {any} */ n) => [n.id, n.status]));
}

/**
 * Measured policies grouped by intent name.
 * @param {any} state GET /twin/state
 * @returns {Map<string, TwinPolicy[]>}
 */
export function policiesByIntent(state) {
  /** @type {Map<string, TwinPolicy[]>} */
  const out = new Map();
  for (const p of state?.policies ?? []) {
    if (!p?.intent) continue;
    out.set(p.intent, [...(out.get(p.intent) ?? []), p]);
  }
  return out;
}

/**
 * The SLO view of one intent: per bound, the worst measured value across its policies and whether it holds.
 * `null` verdicts mean "not measured" (no probe yet, or stale data), never "fine".
 * @param {any} intent as GET /intents returns it
 * @param {TwinPolicy[]} policies its measured policies
 */
export function sloView(intent, policies) {
  const slo = intent?.slo ?? {};
  const fresh = policies.filter((p) => !p.stale);
  const worst = (/** @type {'delayUs' | 'lossPct' | 'jitterUs'} */ k) => {
    const v = fresh.map((p) => num(p[k])).filter((x) => x !== undefined);
    return v.length > 0 ? Math.max(...v) : undefined;
  };
  const delayUs = worst('delayUs');
  const lossPct = worst('lossPct');
  /** @type {{ slo: string, measured: number | undefined, bound: number | undefined, ok: boolean | null }[]} */
  const rows = [
    {
      slo: 'delay',
      measured: delayUs,
      bound: num(slo.maxDelayUs),
      ok: delayUs === undefined ? null : slo.maxDelayUs === undefined ? true : delayUs <= slo.maxDelayUs,
    },
    {
      slo: 'loss',
      measured: lossPct,
      bound: num(slo.maxLossPct),
      ok: lossPct === undefined ? null : slo.maxLossPct === undefined ? true : lossPct <= slo.maxLossPct,
    },
    { slo: 'jitter', measured: worst('jitterUs'), bound: undefined, ok: null },
  ];
  const verdicts = fresh.map((p) => p.sloOk).filter((v) => v !== null && v !== undefined);
  const ok = verdicts.length === 0 ? null : verdicts.every(Boolean);
  return { rows, ok, measuredPolicies: fresh.length, stalePolicies: policies.length - fresh.length };
}

/**
 * The intent's links that the twin reports down: an intent drawn across a dead link shows it.
 * @param {Set<string>} links
 * @param {Map<string, LinkOps>} ops
 */
export function brokenLinks(links, ops) {
  return new Set([...links].filter((l) => ops.get(l)?.status === 'down'));
}
