export { TelemetryIngest } from './telemetry-ingest';
export type { IngestOptions, IngestStatus, NeIngestStatus } from './telemetry-ingest';
export { TelemetryIngestService } from './telemetry-ingest.service';
export { TelemetryQueryService } from './telemetry-query.service';
export type { DirectionSeries } from './telemetry-query.service';
export { CLOCK_MS, TELEMETRY_OPTIONS } from './telemetry.tokens';
export type { TelemetryModuleOptions } from './telemetry.tokens';
