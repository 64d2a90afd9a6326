import { CompilerRegistry } from '../../core/intent';
import type { CompiledIntent, PathEngineFactory } from '../../core/intent';
import type { ArcId } from '../../core/model/ids';
import type { IntentSpec, SliceSpec } from '../../core/model/intent';
import type { SidTable, TopologyGraph } from '../../core/topology';
import type { ComputeProgress } from '../../ports/compute-pool.port';
import { encodeDomainError } from './domain-error.codec';
import type { EncodedDomainError } from './domain-error.codec';

/** An intent to compile on a worker, with everything the compilation reads (so the result can be re-checked). */
export interface CompileTask {
  /** The spec with its slice's defaults already filled in. */
  readonly spec: IntentSpec;
  readonly slice?: SliceSpec;
  readonly pool: string;
  /** Bandwidth this intent may take per arc (free in its pool plus what it holds), in the compact arc order. */
  readonly free: Float64Array;
}

/** A compiled intent, or the DomainError its compiler raised (refusals are answers, not failures). */
export type CompileOutput =
  | { readonly ok: true; readonly compiled: CompiledIntent }
  | { readonly ok: false; readonly error: EncodedDomainError };

export function runCompile(
  task: CompileTask,
  network: { topology: TopologyGraph; sids: SidTable; arcIndex: ReadonlyMap<string, number> },
  engine: PathEngineFactory,
  progress: (p: ComputeProgress) => void,
): CompileOutput {
  progress({ stage: 'compile', detail: `compiling intent '${task.spec.name}' (path search)` });
  const free = (arc: ArcId): number => task.free[network.arcIndex.get(arc)!] ?? 0;
  try {
    const compiled = new CompilerRegistry().compile({
      spec: task.spec,
      topology: network.topology,
      sids: network.sids,
      ...(task.slice && { slice: task.slice }),
      pool: task.pool,
      freeMbps: free,
      engine,
    });
    return { ok: true, compiled };
  } catch (err) {
    const error = encodeDomainError(err);
    if (!error) throw err;
    return { ok: false, error };
  }
}
