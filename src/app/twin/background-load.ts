import type { LinkState, WhatIfBase, WhatIfResult } from '../../core/twin';

/** Below this share of capacity, measured-minus-predicted load is noise, not unexplained traffic. */
const NOISE_SHARE = 0.01;

/**
 * Load the twin measures on an arc but its demand matrix does not explain (e.g. traffic of a congestion fault,
 * or of headends whose counters are missing before estimation catches up): max(0, measured − predicted) per arc
 * in index order, zero where nothing fresh is measured.
 */
export function backgroundLoad(base: WhatIfBase, predicted: readonly LinkState[]): Float64Array {
  const out = new Float64Array(predicted.length);
  predicted.forEach((l, a) => {
    const measured = base.measuredLoadMbps[a]!;
    if (!Number.isFinite(measured)) return;
    const extra = measured - l.loadMbps;
    if (extra > NOISE_SHARE * l.capacityMbps) out[a] = extra;
  });
  return out;
}

/** A prediction with the unexplained load kept on its arcs (it cannot be rerouted: its demands are unknown). */
export function withBackground(r: WhatIfResult, background: Float64Array): WhatIfResult {
  let any = false;
  for (let a = 0; a < background.length; a++) if (background[a]! > 0) any = true;
  if (!any) return r;
  let max = 0;
  const links = r.links.map((l, a) => {
    const extra = l.status === 'up' ? (background[a] ?? 0) : 0;
    const loadMbps = l.loadMbps + extra;
    const utilisation = l.capacityMbps > 0 ? loadMbps / l.capacityMbps : 0;
    if (l.status === 'up' && utilisation > max) max = utilisation;
    return extra === 0 ? l : { ...l, loadMbps, utilisation };
  });
  return { ...r, links, maxUtilisation: max };
}
