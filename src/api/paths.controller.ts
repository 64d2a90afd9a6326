import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ComputeService } from '../app/compute';
import { IntentLedger } from '../app/intent';
import { SHARED_POOL } from '../core/model/intent';
import type { PathQuery, PathResult } from '../core/pathcomp';
import { restconfOfRefusal } from './compute-refusal';
import { RESTCONF_ERRORS_SCHEMA } from './openapi.schemas';
import { RestconfException } from './restconf.exception';

const MAX_QUERIES = 1000;

/**
 * Path computation against the live controller (issue 11: `autonet path --server URL`): the same exact engine
 * as `autonet path` on a file, but bandwidth constraints see what is free in the shared pool *now* (the
 * reservations of every admitted intent). Nothing is reserved or deployed. Body: one query (the `path --batch`
 * line shape) or `{"queries": [...]}`; one result per query, in order. The search runs on the compute pool
 * (issue 10), within the request budget: 503 + Retry-After when the pool is full, 422 when over budget.
 */
@ApiTags('paths')
@Controller('v1/paths')
export class PathsController {
  constructor(
    private readonly compute: ComputeService,
    private readonly ledgerState: IntentLedger,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Compute constrained paths against the free bandwidth of the live network' })
  @ApiResponse({
    status: 422,
    description: 'Over the compute budget: the stage reached and what was proven',
    schema: RESTCONF_ERRORS_SCHEMA,
  })
  @ApiResponse({
    status: 503,
    description: 'Every compute worker busy and the queue full (Retry-After)',
    schema: RESTCONF_ERRORS_SCHEMA,
  })
  async paths(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ results: PathResult[] }> {
    const queries = queriesOf(body);
    const { ledger } = this.ledgerState;
    try {
      return { results: await this.compute.paths(queries, (arc) => ledger.free(arc, SHARED_POOL)) };
    } catch (err) {
      throw restconfOfRefusal(err, res);
    }
  }
}

function queriesOf(body: unknown): PathQuery[] {
  const bad = (message: string, path?: string): never => {
    throw new RestconfException(400, [
      {
        errorType: 'protocol',
        errorTag: 'invalid-value',
        errorMessage: `paths: ${message}`,
        ...(path !== undefined && { errorPath: path }),
      },
    ]);
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return bad('the body must be an object');
  const list = (body as { queries?: unknown }).queries;
  if (list === undefined) return [body as PathQuery];
  if (!Array.isArray(list)) return bad('queries must be a list of path queries', 'queries');
  if (list.length > MAX_QUERIES) return bad(`at most ${MAX_QUERIES} queries per request`, 'queries');
  return list as PathQuery[];
}
