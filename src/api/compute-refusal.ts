import type { Response } from 'express';
import { ComputeRefusal } from '../app/compute';
import { RestconfException } from './restconf.exception';

/**
 * A computation refused by the compute pool, as the API answers it (issue 10): RFC 8040 errors with status 503
 * and a Retry-After header when the pool is full, 422 naming what was proven when the request ran over its
 * budget. Any other error is returned unchanged for the exception filter.
 */
export function restconfOfRefusal(err: unknown, res: Response): unknown {
  if (!(err instanceof ComputeRefusal)) return err;
  if (err.retryAfterS !== undefined) res.setHeader('Retry-After', String(err.retryAfterS));
  return new RestconfException(err.getStatus(), err.errors());
}
