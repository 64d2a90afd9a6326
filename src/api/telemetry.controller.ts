import { applyDecorators, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CLOCK_MS, TelemetryIngestService, TelemetryQueryService } from '../app/telemetry';
import { parseQueryRange } from '../core/telemetry';
import type { RangeParams } from '../core/telemetry';

const RANGE_DOC = [
  { name: 'from', required: false, description: 'epoch ms, ISO-8601 or -<duration> (default -1h)' },
  { name: 'to', required: false, description: 'epoch ms, ISO-8601 or -<duration> (default now)' },
  {
    name: 'step',
    required: false,
    description: 'bucket: ms or a duration like 10s, 1m (default range/300, ≥ 1 s)',
  },
];
const rangeDocs = (): MethodDecorator => applyDecorators(...RANGE_DOC.map((q) => ApiQuery(q)));

/** Only single string values count (a repeated parameter arrives as an array and is refused as absent). */
const rangeOf = (q: Record<string, unknown>): RangeParams => {
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { from: str(q.from), to: str(q.to), step: str(q.step) };
};

/** Telemetry series for the NOC and the twin: per link direction, per node, per SR policy; ingest status. */
@ApiTags('telemetry')
@Controller('v1/telemetry')
export class TelemetryController {
  constructor(
    private readonly ingest: TelemetryIngestService,
    private readonly series: TelemetryQueryService,
    @Inject(CLOCK_MS) private readonly now: () => number,
  ) {}

  @Get('status')
  @ApiOperation({ summary: 'Per-NE session state, samples/s, drops and lag; queue depth; sink health' })
  status() {
    return this.ingest.status();
  }

  @Get('links/:id')
  @ApiOperation({ summary: 'Utilisation, throughput, loss (and delay) series per direction of a link' })
  @rangeDocs()
  link(@Param('id') id: string, @Query() q: Record<string, unknown>) {
    return this.series.link(id, parseQueryRange(rangeOf(q), this.now()));
  }

  @Get('nodes/:id')
  @ApiOperation({ summary: 'CPU and memory series of a node' })
  @rangeDocs()
  node(@Param('id') id: string, @Query() q: Record<string, unknown>) {
    return this.series.node(id, parseQueryRange(rangeOf(q), this.now()));
  }

  @Get('policies/:headend/:name')
  @ApiOperation({ summary: 'Probe delay, jitter and loss series of an SR policy' })
  @rangeDocs()
  policy(
    @Param('headend') headend: string,
    @Param('name') name: string,
    @Query() q: Record<string, unknown>,
  ) {
    return this.series.policy(headend, name, parseQueryRange(rangeOf(q), this.now()));
  }
}
