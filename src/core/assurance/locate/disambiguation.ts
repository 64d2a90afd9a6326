import type { ArcId } from '../../model/ids';
import { elementArcs } from '../observation';
import type { ArcInfo, ProbeCandidate, ProbeDesigner, ProbeRequest } from '../observation';
import type { EquivalenceClass } from './incidence';

/**
 * deTector/NetBouncer-style active disambiguation: for every arc of a class with more than one member, ask
 * the app's routing for probe paths that cross that arc and none of its class-mates, check the returned row
 * really does (the localiser trusts no callback blindly), and keep the one with the fewest arcs. One probe
 * per member is requested: a loss on it points at its target, and a clean one clears it; either way the next
 * localisation, fed the probe's row and measurement, splits the class. A node member is separated from the
 * class's arcs by a probe over another arc of that node that avoids all of them (lossy only if the node is
 * at fault). A class of nodes only gets one probe per node over an arc leading out of the class.
 */
export function designProbes(
  classes: readonly EquivalenceClass[],
  designer: ProbeDesigner | undefined,
  topology: readonly ArcInfo[],
): ProbeRequest[] {
  if (!designer) return [];
  const requests: ProbeRequest[] = [];
  const request = (best: ProbeCandidate, target: ArcId, separates: readonly ArcId[]): void => {
    requests.push({ headend: best.headend, segments: best.segments, target, separates, row: best.row });
  };
  for (const cls of classes) {
    if (cls.members.length < 2) continue;
    const arcs = [...new Set(cls.members.flatMap((m) => elementArcs(m.element)))];
    for (const target of arcs) {
      const mates = arcs.filter((a) => a !== target);
      if (mates.length === 0) continue;
      const best = shortest(designer(target, mates), target, mates);
      if (best) request(best, target, mates);
    }
    // A class of nodes only (several nodes on exactly the same paths): a probe over an arc of one of them
    // whose far end is not a class-mate crosses that node alone among them.
    const mates = new Set(cls.members.flatMap((m) => (m.element.kind === 'node' ? [m.element.id] : [])));
    for (const m of cls.members) {
      if (m.element.kind !== 'node') continue;
      const node = m.element.id;
      const others = topology.filter(
        (a) =>
          (a.from === node || a.to === node) &&
          !arcs.includes(a.arc) &&
          (arcs.length > 0 || !mates.has(a.from === node ? a.to : a.from)),
      );
      for (const other of others.slice(0, 4)) {
        const best = shortest(designer(other.arc, arcs), other.arc, arcs);
        if (!best) continue;
        request(best, other.arc, arcs);
        break;
      }
    }
  }
  return requests;
}

/** The shortest candidate whose row really crosses `target` and avoids every arc of `avoid`. */
function shortest(
  candidates: readonly ProbeCandidate[],
  target: ArcId,
  avoid: readonly ArcId[],
): ProbeCandidate | undefined {
  return candidates
    .filter((c) => crosses(c.row.arcs, target) && !avoid.some((a) => crosses(c.row.arcs, a)))
    .sort((a, b) => a.row.arcs.length - b.row.arcs.length)[0];
}

function crosses(
  arcs: readonly { readonly arc: ArcId; readonly fraction: number }[],
  target: ArcId,
): boolean {
  return arcs.some((a) => a.arc === target && a.fraction > 0);
}
