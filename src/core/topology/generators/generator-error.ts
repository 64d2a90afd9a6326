import { InvalidQueryError } from '../../errors';

/**
 * A bad generator request (unknown kind, too few nodes, non-integer seed, option out of range…). It is an
 * InvalidQueryError (code INVALID_QUERY) so the API and CLI map it like any other bad request; `location.path`
 * names the offending option.
 */
export class GeneratorError extends InvalidQueryError {
  constructor(option: string, detail: string) {
    super(`topology generator: option '${option}': ${detail}`, { path: option });
  }
}
