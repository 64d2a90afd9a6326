import { Module, RequestMethod } from '@nestjs/common';
import type { DynamicModule, MiddlewareConsumer, NestModule } from '@nestjs/common';
import { ControllerMetrics, HttpMetricsMiddleware, MetricsController } from '../../api/metrics.controller';
import { TelemetryController } from '../../api/telemetry.controller';
import { TELEMETRY_SINKS, TELEMETRY_STORE } from '../../ports/telemetry-store.port';
import { TelemetryIngestService } from './telemetry-ingest.service';
import { TelemetryQueryService } from './telemetry-query.service';
import { CLOCK_MS, TELEMETRY_OPTIONS } from './telemetry.tokens';
import type { TelemetryModuleOptions } from './telemetry.tokens';

/**
 * The telemetry pipeline, its REST API (/v1/telemetry/…) and the controller's Prometheus metrics (/metrics).
 * The sinks come in as instances (the adapter layer makes them: createTelemetrySinks), so this module binds
 * no adapter itself. Import it once into the app module:
 *   imports: [TelemetryModule.forRoot({ topology, ...createTelemetrySinks(settings) })]
 */
@Module({})
export class TelemetryModule implements NestModule {
  static forRoot(options: TelemetryModuleOptions): DynamicModule {
    return {
      module: TelemetryModule,
      controllers: [TelemetryController, MetricsController],
      providers: [
        { provide: TELEMETRY_OPTIONS, useValue: options },
        { provide: TELEMETRY_STORE, useValue: options.store },
        { provide: TELEMETRY_SINKS, useValue: [options.store, ...(options.sinks ?? [])] },
        { provide: CLOCK_MS, useValue: options.clock ?? Date.now },
        TelemetryIngestService,
        TelemetryQueryService,
        ControllerMetrics,
        HttpMetricsMiddleware,
      ],
      exports: [TelemetryIngestService, TelemetryQueryService, TELEMETRY_STORE, ControllerMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
