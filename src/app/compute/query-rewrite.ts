import type { PathEngineFactory } from '../../core/intent';
import type { PathQuery, PathResult } from '../../core/pathcomp';

const NOTHING: PathResult = { ok: false, error: { code: 'INVALID_QUERY', message: '', blocking: [] } };

/**
 * The query that a wrapping engine factory (e.g. the assurance loop's avoidance of suspect links) would hand
 * its inner engine: workers run a plain engine, so the rewrite happens here, once, on the caller's side.
 */
export function queryRewriter(
  wrap: (inner: PathEngineFactory) => PathEngineFactory,
): (q: PathQuery) => PathQuery {
  let seen: PathQuery | undefined;
  const engine = wrap(() => ({
    compute: (q) => {
      seen = q;
      return NOTHING;
    },
  }))({});
  return (q) => {
    seen = undefined;
    engine.compute(q);
    return seen ?? q;
  };
}
