import type { ArcId } from '../model/ids';
import type { PathEngineOptions } from '../pathcomp';
import type { TopologyGraph } from '../topology';
import type { PathEngineFactory, PathEngineLike } from './intent-compiler';

/**
 * One path engine reused by every compilation (its per-destination IGP caches survive between intents), with
 * the free-bandwidth view swapped in for each call. Compilation is synchronous, so the view in place is always
 * the one of the compilation running. Without a view an arc's whole capacity is free.
 */
export function sharedEngineFactory(
  topology: TopologyGraph,
  create: (options: PathEngineOptions) => PathEngineLike,
): PathEngineFactory {
  const capacity = (arc: ArcId): number => topology.arc(arc).capacityMbps;
  let view: (arc: ArcId) => number = capacity;
  const engine = create({ freeMbps: (arc) => view(arc) });
  return (options) => {
    view = options.freeMbps ?? capacity;
    return engine;
  };
}
