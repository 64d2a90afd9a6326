import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ApiBodyOptions } from '@nestjs/swagger';
import type { Response } from 'express';
import { TwinService, TwinWhatIf } from '../app/twin';
import type { WhatIfRequest } from '../app/twin';
import { InvalidQueryError } from '../core/errors';
import type { IntentSpec } from '../core/model/intent';
import { INTENT_BODY_SCHEMA, RESTCONF_ERRORS_SCHEMA } from './openapi.schemas';
import { RequestValidation } from './request-validation';
import { restconfOfRefusal } from './compute-refusal';
import { RestconfException } from './restconf.exception';

type SchemaObject = NonNullable<Extract<ApiBodyOptions, { schema?: unknown }>['schema']>;

const LINK_STATE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    link: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    status: { type: 'string', enum: ['up', 'down'] },
    capacityMbps: { type: 'number' },
    loadMbps: { type: 'number' },
    utilisation: { type: 'number' },
    delayUs: { type: 'number' },
    lossPct: { type: 'number' },
    reservedMbps: { type: 'number' },
    stale: { type: 'boolean' },
  },
};

const STATE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    at: { type: 'number', description: 'epoch ms of the network clock' },
    links: { type: 'array', items: LINK_STATE_SCHEMA, description: 'one entry per link direction' },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, status: { type: 'string', enum: ['up', 'down', 'unknown'] } },
      },
    },
    policies: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          headend: { type: 'string' },
          name: { type: 'string' },
          intent: { type: 'string', nullable: true },
          delayUs: { type: 'number', nullable: true },
          lossPct: { type: 'number', nullable: true },
          sloOk: { type: 'boolean', nullable: true },
        },
      },
    },
    demands: {
      type: 'object',
      properties: { count: { type: 'integer' }, estimated: { type: 'integer' } },
    },
  },
};

export const WHAT_IF_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    failLinks: { type: 'array', items: { type: 'string' }, example: ['L1'] },
    failNodes: { type: 'array', items: { type: 'string' } },
    failSrlgs: { type: 'array', items: { type: 'integer' } },
    demandScale: { type: 'number', minimum: 0, maximum: 1000, example: 1.2 },
    addIntents: { type: 'array', items: INTENT_BODY_SCHEMA },
    removeIntents: { type: 'array', items: { type: 'string' } },
  },
};

const WHAT_IF_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    links: { type: 'array', items: LINK_STATE_SCHEMA },
    intents: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          sloOk: { type: 'boolean' },
          delayUs: { type: 'number', nullable: true },
          lossPct: { type: 'number', nullable: true },
          violations: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                slo: { type: 'string' },
                predicted: { type: 'number' },
                bound: { type: 'number' },
              },
            },
          },
        },
      },
    },
    maxUtilisation: { type: 'number' },
    changed: { type: 'array', items: { type: 'object' } },
  },
};

const KEYS = ['failLinks', 'failNodes', 'failSrlgs', 'demandScale', 'addIntents', 'removeIntents'];
const MAX_DAYS = 7;

const errors = (status: number, description: string) =>
  ApiResponse({ status, description, schema: RESTCONF_ERRORS_SCHEMA });

@ApiTags('twin')
@Controller('v1/twin')
export class TwinController {
  constructor(
    private readonly twin: TwinService,
    private readonly whatIfs: TwinWhatIf,
    private readonly validation: RequestValidation,
  ) {}

  @Get('state')
  @ApiOperation({ summary: 'Live network state from telemetry: per link direction, node and SR policy' })
  @ApiResponse({ status: 200, schema: STATE_SCHEMA })
  state() {
    const s = this.twin.state();
    return {
      at: s.at,
      links: s.links.map(linkView),
      nodes: s.nodes,
      policies: s.policies.map((p) => ({
        headend: p.headend,
        name: p.name,
        intent: p.intent,
        delayUs: p.delayUs,
        lossPct: p.lossPct,
        sloOk: p.sloOk,
      })),
      demands: s.demands,
    };
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({ summary: 'Predict the network under failures, demand scaling and intent changes' })
  @ApiBody({ schema: WHAT_IF_BODY_SCHEMA })
  @ApiResponse({ status: 200, schema: WHAT_IF_RESULT_SCHEMA })
  @errors(400, 'Malformed change set, unknown link/node/SRLG/intent, or an invalid intent')
  @errors(422, 'An added intent cannot be planned, or the prediction ran over its compute budget')
  @errors(503, 'Every compute worker is busy (Retry-After)')
  async whatIf(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const req = await this.request(body);
    const change = await withPath(() => this.whatIfs.changeOffLoop(req));
    const r = await this.whatIfs.predictChange(change).catch((err: unknown) => {
      throw restconfOfRefusal(err, res);
    });
    return { ...r, links: r.links.map(linkView) };
  }

  @Get('forecast')
  @ApiOperation({
    summary: 'Per-direction utilisation forecast (Holt-Winters, daily season) and predicted crossings',
  })
  @ApiQuery({
    name: 'horizon',
    required: false,
    description: 'ISO 8601 duration, default PT6H',
    example: 'PT6H',
  })
  @errors(400, 'Bad horizon')
  forecast(@Query('horizon') horizon: string | undefined) {
    const ms = parseHorizon(horizon ?? 'PT6H');
    const f = this.twin.forecast(ms);
    return {
      at: f.at,
      horizon: horizon ?? 'PT6H',
      ceiling: f.ceiling,
      links: f.forecasts,
      crossings: f.crossings,
    };
  }

  /** Checks the body's shape (RFC 8040 errors naming the member) and validates each added intent. */
  private async request(body: unknown): Promise<WhatIfRequest> {
    if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0))
      return {};
    if (typeof body !== 'object' || Array.isArray(body))
      throw invalid('', 'the body must be one JSON object');
    const o = body as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!KEYS.includes(k)) throw invalid(k, `unknown member '${k}'`, 'unknown-element');
    const strings = (k: string): string[] | undefined =>
      arrayOf(o, k, (v) => typeof v === 'string', 'a string') as string[] | undefined;
    const failSrlgs = arrayOf(o, 'failSrlgs', (v) => Number.isInteger(v), 'an integer') as
      number[] | undefined;
    const d = o['demandScale'];
    if (d !== undefined && (typeof d !== 'number' || !Number.isFinite(d) || d < 0 || d > 1000))
      throw invalid('demandScale', 'demandScale must be a number from 0 to 1000');
    const specs = arrayOf(o, 'addIntents', () => true, 'an intent') ?? [];
    const addIntents: IntentSpec[] = [];
    for (const s of specs) addIntents.push(await this.validation.intent(s));
    const failLinks = strings('failLinks');
    const failNodes = strings('failNodes');
    const removeIntents = strings('removeIntents');
    return {
      ...(failLinks && { failLinks }),
      ...(failNodes && { failNodes }),
      ...(failSrlgs && { failSrlgs }),
      ...(d !== undefined && { demandScale: d }),
      ...(addIntents.length > 0 && { addIntents }),
      ...(removeIntents && { removeIntents }),
    };
  }
}

type LinkView = ReturnType<TwinService['state']>['links'][number];

/** The contract's link entry (internal fields such as the arc id and sample time left out). */
function linkView(l: LinkView) {
  return {
    link: l.link,
    from: l.from,
    to: l.to,
    status: l.status,
    capacityMbps: l.capacityMbps,
    loadMbps: l.loadMbps,
    utilisation: l.utilisation,
    delayUs: l.delayUs,
    lossPct: l.lossPct,
    reservedMbps: l.reservedMbps,
    stale: l.stale,
  };
}

function arrayOf(
  o: Record<string, unknown>,
  key: string,
  ok: (v: unknown) => boolean,
  what: string,
): unknown[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw invalid(key, `${key} must be an array`);
  const items: unknown[] = v;
  items.forEach((x, i) => {
    if (!ok(x)) throw invalid(`${key}/${i}`, `${key}[${i}] must be ${what}`);
  });
  return items;
}

/** Unknown links, nodes, SRLGs or intents (found by the what-if service) as 400s naming the member. */
async function withPath<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof InvalidQueryError) || e.location?.path === undefined) throw e;
    throw new RestconfException(400, [
      {
        errorType: 'application',
        errorTag: 'invalid-value',
        errorPath: e.location.path,
        errorMessage: e.message,
      },
    ]);
  }
}

function invalid(path: string, message: string, tag = 'invalid-value'): RestconfException {
  return new RestconfException(400, [
    {
      errorType: 'protocol',
      errorTag: tag,
      ...(path && { errorPath: `/${path}` }),
      errorMessage: `twin what-if: ${message}`,
    },
  ]);
}

/** ISO 8601 duration (PnDTnHnMnS) to milliseconds; at most seven days. */
export function parseHorizon(text: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  const bad = (): RestconfException =>
    new RestconfException(400, [
      {
        errorType: 'protocol',
        errorTag: 'invalid-value',
        errorPath: '/horizon',
        errorMessage: `twin forecast: horizon must be an ISO 8601 duration from PT1M to P${MAX_DAYS}D, e.g. PT6H (got '${text}')`,
      },
    ]);
  if (!m || text === 'P' || text.endsWith('T')) throw bad();
  const ms = ((+(m[1] ?? 0) * 24 + +(m[2] ?? 0)) * 60 + +(m[3] ?? 0)) * 60_000 + +(m[4] ?? 0) * 1000;
  if (ms < 60_000 || ms > MAX_DAYS * 86_400_000) throw bad();
  return ms;
}
