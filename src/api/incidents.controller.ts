import { Controller, Get, HttpCode, Inject, Param, Post, Query, Sse } from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';
import { AssuranceService } from '../app/assurance';
import { InvalidQueryError } from '../core/errors';
import { EVENT_BUS } from '../ports/event-bus.port';
import type { EventBus } from '../ports/event-bus.port';
import { INCIDENT_LIST_SCHEMA, INCIDENT_SCHEMA, RESTCONF_ERRORS_SCHEMA } from './openapi.schemas';

const HEARTBEAT_MS = 15_000;

const errors = (status: number, description: string) =>
  ApiResponse({ status, description, schema: RESTCONF_ERRORS_SCHEMA });

/** Incidents of the closed loop (issue 9 contract): list, one, a live stream, and L3 approve/reject. */
@ApiTags('incidents')
@Controller('v1/incidents')
export class IncidentsController {
  constructor(
    private readonly assurance: AssuranceService,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Incidents, open ones only by default' })
  @ApiQuery({ name: 'state', required: false, enum: ['open', 'all'] })
  @ApiResponse({ status: 200, schema: INCIDENT_LIST_SCHEMA })
  @errors(400, 'state is neither open nor all')
  list(@Query('state') state: string | undefined) {
    if (state !== undefined && state !== 'open' && state !== 'all') {
      throw new InvalidQueryError(`incidents: state must be 'open' or 'all', not '${state}'`, {
        path: 'state',
      });
    }
    return { incidents: this.assurance.list(state === 'all' ? 'all' : 'open') };
  }

  /** Declared before `:id` so that `events` is never taken for an incident id. */
  @Sse('events')
  @ApiOperation({ summary: 'Stream of incident openings and changes (text/event-stream)' })
  events(): Observable<MessageEvent> {
    const changes = new Observable<MessageEvent>((subscriber) => {
      const off = [
        this.bus.on('incident.opened', (e) => subscriber.next({ type: 'incident.opened', data: e })),
        this.bus.on('incident.changed', (e) => subscriber.next({ type: 'incident.changed', data: e })),
      ];
      return () => off.forEach((f) => f());
    });
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} })));
    return merge(changes, heartbeat);
  }

  @Get(':id')
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 200, schema: INCIDENT_SCHEMA })
  @errors(404, 'No such incident')
  get(@Param('id') id: string) {
    return this.assurance.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the proposed repair of an incident awaiting approval (L3)' })
  @ApiResponse({ status: 200, schema: INCIDENT_SCHEMA })
  @errors(404, 'No such incident')
  @errors(409, 'The incident is not awaiting approval')
  approve(@Param('id') id: string) {
    return this.assurance.approve(id, 'api');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the proposed repair; the incident stays open and is not repaired' })
  @ApiResponse({ status: 200, schema: INCIDENT_SCHEMA })
  @errors(404, 'No such incident')
  @errors(409, 'The incident is not awaiting approval')
  reject(@Param('id') id: string) {
    return this.assurance.reject(id, 'api');
  }
}
