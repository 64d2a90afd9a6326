import type { IncidentClass } from '../../ports/event-bus.port';
import type { IntentStoreReader } from '../../ports/intent-store.port';
import type { Suspect } from './incident-book';

export interface RepairProposal {
  readonly kind: 'reroute' | 'repush' | 'resync' | 'none';
  readonly intents: readonly string[];
  readonly avoidLinks: readonly string[];
  readonly avoidNodes: readonly string[];
  readonly nes: readonly string[];
  readonly summary: string;
}

/**
 * The repair for an incident's class (issue 9 §5): reroute the affected intents around the whole suspect
 * class; re-push the intended plan on drift; resync (never reroute) on a telemetry gap.
 */
export function planRepair(
  cls: IncidentClass,
  equivalenceClass: readonly string[],
  suspects: readonly Suspect[],
  intents: readonly string[],
  store: IntentStoreReader,
): RepairProposal {
  const kinds = new Map(suspects.map((s) => [s.id, s.kind]));
  const nodes = equivalenceClass.filter((e) => kinds.get(e) === 'node');
  const links = equivalenceClass.filter((e) => (kinds.get(e) ?? 'link') === 'link');
  const live = intents.filter((n) => store.getIntent(n) !== undefined);
  // `none` keeps the class's elements: a dead one is kept out of later plans all the same (repair.applier.ts)
  const none = (why: string, avoidLinks: string[] = [], avoidNodes: string[] = []): RepairProposal => ({
    kind: 'none',
    intents: [],
    avoidLinks,
    avoidNodes,
    nes: [],
    summary: why,
  });
  switch (cls) {
    case 'drift':
      return live.length === 0
        ? none('drift on a policy no intent owns: report only')
        : {
            kind: 'repush',
            intents: live,
            avoidLinks: [],
            avoidNodes: [],
            nes: [],
            summary: `re-push the stored plan of ${live.join(', ')}`,
          };
    case 'telemetry-gap':
      return {
        kind: 'resync',
        intents: [],
        avoidLinks: [],
        avoidNodes: [],
        nes: nodes,
        summary: `resync ${nodes.join(', ')} (a silent NE is not a dead link: nothing rerouted)`,
      };
    case 'link-down':
    case 'node-down':
    case 'gray-loss':
    case 'latency':
    case 'flap':
    case 'crc':
    case 'congestion':
      return live.length === 0
        ? none(`no intent crosses ${equivalenceClass.join(', ')}: nothing to move`, links, nodes)
        : {
            kind: 'reroute',
            intents: live,
            avoidLinks: links,
            avoidNodes: nodes,
            nes: [],
            summary: `reroute ${live.join(', ')} around ${[...links, ...nodes].join(', ')} (make-before-break)`,
          };
  }
}
