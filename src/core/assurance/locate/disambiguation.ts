import type { ArcId } from '../../model/ids';
import type { ProbeDesigner, ProbeRequest } from '../observation';
import type { EquivalenceClass } from './incidence';

/**
 * deTector/NetBouncer-style active disambiguation: for every arc of a class with more than one member, ask
 * the app's routing for probe paths that cross that arc and none of its class-mates, check the returned row
 * really does (the localiser trusts no callback blindly), and keep the one with the fewest arcs. One probe
 * per member is requested: a loss on it points at its target, and a clean one clears it; either way the next
 * localisation, fed the probe's row and measurement, splits the class. A class of one arc and the nodes at
 * its ends gets no probe here (separating a node from its own arc needs a node-aimed probe: not built yet).
 */
export function designProbes(
  classes: readonly EquivalenceClass[],
  designer: ProbeDesigner | undefined,
): ProbeRequest[] {
  if (!designer) return [];
  const requests: ProbeRequest[] = [];
  for (const cls of classes) {
    const arcs = cls.members.flatMap((m) => (m.element.kind === 'link' ? [m.element.arc] : []));
    if (cls.members.length < 2 || arcs.length === 0) continue;
    for (const target of arcs) {
      const mates = arcs.filter((a) => a !== target);
      if (mates.length === 0) continue;
      const valid = designer(target, mates).filter(
        (c) => crosses(c.row.arcs, target) && !mates.some((m) => crosses(c.row.arcs, m)),
      );
      const best = valid.sort((a, b) => a.row.arcs.length - b.row.arcs.length)[0];
      if (best)
        requests.push({
          headend: best.headend,
          segments: best.segments,
          target,
          separates: mates,
          row: best.row,
        });
    }
  }
  return requests;
}

function crosses(
  arcs: readonly { readonly arc: ArcId; readonly fraction: number }[],
  target: ArcId,
): boolean {
  return arcs.some((a) => a.arc === target && a.fraction > 0);
}
