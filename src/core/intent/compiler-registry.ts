import { InvalidIntentError } from '../errors';
import type { IntentSpec } from '../model/intent';
import { ConnectivityCompiler } from './connectivity.compiler';
import type { CompileInput, CompiledIntent, IntentCompiler } from './intent-compiler';

type CompilerMap = { readonly [K in IntentSpec['kind']]: IntentCompiler<Extract<IntentSpec, { kind: K }>> };

/** Compilers keyed by intent kind; a new kind adds one entry (and the type system insists on it). */
export class CompilerRegistry {
  constructor(private readonly compilers: CompilerMap = { connectivity: new ConnectivityCompiler() }) {}

  kinds(): readonly string[] {
    return Object.keys(this.compilers);
  }

  compile(input: CompileInput): CompiledIntent {
    const compiler = (this.compilers as Partial<Record<string, IntentCompiler>>)[input.spec.kind];
    if (!compiler) {
      throw new InvalidIntentError(
        `intent '${input.spec.name}': no compiler for kind '${String(input.spec.kind)}'`,
        {
          path: 'kind',
        },
      );
    }
    return compiler.compile(input);
  }
}
