import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiBodyOptions } from '@nestjs/swagger';
import { LiveOptimizer } from '../app/optimize';
import type { LiveOptimizeRequest, LiveOptimizeResult } from '../app/optimize';
import { didYouMean } from '../core/topology';
import { RESTCONF_ERRORS_SCHEMA } from './openapi.schemas';
import { RestconfException } from './restconf.exception';

type SchemaObject = NonNullable<Extract<ApiBodyOptions, { schema?: unknown }>['schema']>;

const MAX_DEMANDS = 100_000;
const FIELDS = ['maxSegments', 'demands', 'gravity'];

const BODY_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxSegments: { type: 'integer', enum: [1, 2, 3], default: 2 },
    demands: {
      type: 'array',
      maxItems: MAX_DEMANDS,
      description: 'demands to place (node ids or display names); default: the twin’s measured matrix',
      items: {
        type: 'object',
        required: ['from', 'to', 'mbps'],
        properties: {
          from: { type: 'string' },
          to: { type: 'string' },
          mbps: { type: 'number', minimum: 0 },
        },
      },
    },
    gravity: {
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      description: 'without demands: seeded gravity-model demands offering this share of the capacity',
    },
  },
};

/**
 * Global TE against the live controller (issue 11: `autonet optimize --server URL`): what is up now,
 * capacity less reservations, and the demands measured now. Computes only; nothing is deployed.
 */
@ApiTags('optimize')
@Controller('v1/optimize')
export class OptimizeController {
  constructor(private readonly optimizer: LiveOptimizer) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Place demands with at most K SRv6 segments to minimise the max utilisation of the live network (free capacity)',
  })
  @ApiBody({ schema: BODY_SCHEMA, required: false })
  @ApiResponse({ status: 200, description: 'mlu, ecmpMlu, demands with segment lists, unplaced demands' })
  @ApiResponse({
    status: 400,
    description: 'Bad body, unknown node, or no demands',
    schema: RESTCONF_ERRORS_SCHEMA,
  })
  optimize(@Body() body: unknown): LiveOptimizeResult {
    return this.optimizer.optimize(requestOf(body ?? {}));
  }
}

/** The body checked field by field; every problem is reported at once, in the body's own names. */
export function requestOf(body: unknown): LiveOptimizeRequest {
  const errors: { message: string; path: string }[] = [];
  const bad = (path: string, message: string): void => void errors.push({ path, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    bad('/', 'the body must be an object');
  const b = (errors.length === 0 ? body : {}) as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!FIELDS.includes(k)) {
      const near = didYouMean(k, FIELDS);
      bad(
        `/${k}`,
        `unknown field '${k}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; allowed: ${FIELDS.join(', ')}`,
      );
    }
  if (b.maxSegments !== undefined && ![1, 2, 3].includes(b.maxSegments as number))
    bad('/maxSegments', 'must be 1, 2 or 3');
  if (b.gravity !== undefined && !(typeof b.gravity === 'number' && b.gravity > 0 && b.gravity <= 10))
    bad('/gravity', 'must be a number in (0, 10]');
  if (b.demands !== undefined) {
    if (!Array.isArray(b.demands)) bad('/demands', 'must be a list of {from, to, mbps}');
    else if (b.demands.length > MAX_DEMANDS) bad('/demands', `at most ${MAX_DEMANDS} demands`);
    else
      b.demands.forEach((d: unknown, i) => {
        const o = (typeof d === 'object' && d !== null ? d : {}) as Record<string, unknown>;
        for (const k of ['from', 'to'])
          if (typeof o[k] !== 'string') bad(`/demands/${i}/${k}`, 'must be a node id or name');
        if (!(typeof o.mbps === 'number' && Number.isFinite(o.mbps) && o.mbps >= 0))
          bad(`/demands/${i}/mbps`, 'must be a number ≥ 0');
      });
  }
  if (errors.length > 0)
    throw new RestconfException(
      400,
      errors.map((e) => ({
        errorType: 'protocol',
        errorTag: 'invalid-value',
        errorMessage: `optimize: ${e.message}`,
        errorPath: e.path,
      })),
    );
  return b;
}
