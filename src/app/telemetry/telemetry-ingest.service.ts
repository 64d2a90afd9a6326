import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { NE_DRIVER } from '../../ports/ne-driver.port';
import type { NeDriver } from '../../ports/ne-driver.port';
import { TelemetryIngest } from './telemetry-ingest';
import type { IngestStatus } from './telemetry-ingest';
import { TELEMETRY_OPTIONS } from './telemetry.tokens';
import type { TelemetryModuleOptions } from './telemetry.tokens';

/**
 * NestJS face of the telemetry pipeline: subscribes for every NE of the topology at bootstrap, stops and
 * flushes at shutdown, then closes the sinks. The driver is the application's NE_DRIVER (looked up across
 * modules, since the app module that binds it imports this one).
 */
@Injectable()
export class TelemetryIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pipeline: TelemetryIngest | undefined;

  constructor(
    @Inject(TELEMETRY_OPTIONS) private readonly options: TelemetryModuleOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  get ingest(): TelemetryIngest {
    if (!this.pipeline) {
      const o = this.options;
      const driver = o.driver ?? this.moduleRef.get<NeDriver>(NE_DRIVER, { strict: false });
      this.pipeline = new TelemetryIngest(
        driver,
        o.topology,
        [o.store, ...(o.sinks ?? [])],
        o.ingest ?? {},
        o.clock,
      );
    }
    return this.pipeline;
  }

  status(): IngestStatus {
    return this.ingest.status();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart !== false) await this.ingest.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pipeline) await this.pipeline.stop();
    await Promise.all([this.options.store, ...(this.options.sinks ?? [])].map((s) => s.close()));
  }
}
