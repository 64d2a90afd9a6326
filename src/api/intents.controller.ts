import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Next,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  Sse,
} from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { interval, map, merge, Observable } from 'rxjs';
import { IntentService } from '../app/intent';
import { EVENT_BUS } from '../ports/event-bus.port';
import type { EventBus } from '../ports/event-bus.port';
import { dryRunView, intentView } from './intent.view';
import { INTENT_BODY_SCHEMA, RESTCONF_ERRORS_SCHEMA } from './openapi.schemas';
import { RequestValidation } from './request-validation';

const HEARTBEAT_MS = 15_000;

const wantsStream = (req: Request): boolean => (req.headers.accept ?? '').includes('text/event-stream');

/** What the API did with the request that the caller should know (e.g. a display name taken as an id). */
const withNotes = <T extends object>(view: T, notes: readonly string[]): T =>
  notes.length > 0 ? { ...view, notes } : view;

const errors = (status: number, description: string) =>
  ApiResponse({ status, description, schema: RESTCONF_ERRORS_SCHEMA });

@ApiTags('intents')
@Controller('v1/intents')
export class IntentsController {
  constructor(
    private readonly intents: IntentService,
    private readonly validation: RequestValidation,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit an intent (or, with dryRun=true, only plan and verify it)' })
  @ApiBody({ schema: INTENT_BODY_SCHEMA })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiResponse({ status: 201, description: 'The intent, with status, plan and explanation' })
  @errors(400, 'Invalid (YANG or semantic)')
  @errors(409, 'An intent with this name exists')
  @errors(422, 'Infeasible: the explanation names the blocking constraint')
  @errors(413, 'Body larger than the limit')
  async create(
    @Body() body: unknown,
    @Query('dryRun') dryRun: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const notes: string[] = [];
    const spec = await this.validation.intent(body, undefined, notes);
    if (dryRun === 'true' || dryRun === '') {
      res.status(200);
      return withNotes(dryRunView(await this.intents.dryRunOffLoop(spec)), notes);
    }
    return withNotes(intentView(await this.intents.create(spec)), notes);
  }

  @Get()
  @ApiOperation({ summary: 'All intents' })
  list() {
    return { intents: this.intents.list().map(intentView) };
  }

  /**
   * Declared before the event stream so that an intent named `events` can be fetched: `GET /intents/events`
   * is the stream for clients that ask for `text/event-stream` (EventSource, `autonet intent watch`) or when
   * no such intent exists, and the intent otherwise (express falls through to the next route on `next()`).
   */
  @Get(':name')
  @errors(404, 'No such intent')
  get(
    @Param('name') name: string,
    @Req() req: Request,
    @Res() res: Response,
    @Next() next: NextFunction,
  ): void {
    if (name === 'events' && (wantsStream(req) || !this.intents.exists(name))) {
      next();
      return;
    }
    res.json(intentView(this.intents.get(name)));
  }

  /** Server-sent events: one `intent.status` event per status change, `intent.removed` when one is deleted. */
  @Sse('events')
  @ApiOperation({ summary: 'Stream of intent status changes (text/event-stream)' })
  events(): Observable<MessageEvent> {
    const changes = new Observable<MessageEvent>((subscriber) => {
      const offStatus = this.bus.on('intent.status', (e) =>
        subscriber.next({ type: 'intent.status', data: e }),
      );
      const offRemoved = this.bus.on('intent.removed', (e) =>
        subscriber.next({ type: 'intent.removed', data: e }),
      );
      return () => {
        offStatus();
        offRemoved();
      };
    });
    // a heartbeat keeps idle connections open through proxies and lets clients notice a dead server
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} })));
    return merge(changes, heartbeat);
  }

  @Put(':name')
  @ApiOperation({ summary: 'Create or update an intent (idempotent; updates are make-before-break)' })
  @ApiBody({ schema: INTENT_BODY_SCHEMA })
  @errors(400, 'Invalid')
  @errors(422, 'Infeasible')
  async put(@Param('name') name: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const notes: string[] = [];
    const spec = await this.validation.intent(body, name, notes);
    const { intent, created } = await this.intents.put(spec);
    res.status(created ? 201 : 200);
    return withNotes(intentView(intent), notes);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an intent: remove its policies, release its reservations' })
  @errors(404, 'No such intent')
  async delete(@Param('name') name: string): Promise<void> {
    await this.intents.delete(name);
  }

  @Post(':name/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry a failed intent' })
  @errors(409, 'The intent is not failed')
  async retry(@Param('name') name: string) {
    return intentView(await this.intents.retry(name));
  }
}
