import { Controller, Get, Inject, Injectable, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IntentService } from '../app/intent';
import { TelemetryIngestService } from '../app/telemetry';
import { INTENT_STORE } from '../ports/intent-store.port';
import type { IntentStore } from '../ports/intent-store.port';
import { NE_DRIVER } from '../ports/ne-driver.port';
import type { NeDriver } from '../ports/ne-driver.port';
import { YANG_VALIDATOR } from '../ports/yang-validator.port';
import type { YangValidator, YangValidatorStatus } from '../ports/yang-validator.port';

/** A validator probe longer than this reports `degraded` instead of holding the health check. */
const PROBE_BUDGET_MS = 2_000;

type CheckState = 'up' | 'degraded' | 'down';

/** Set once the start-up reconciliation finished: until then the controller is alive but not ready. */
@Injectable()
export class Readiness {
  private ready = false;
  markReady(): void {
    this.ready = true;
  }
  get isReady(): boolean {
    return this.ready;
  }
}

/**
 * `/health`: the real state of the parts the controller cannot work without (store and validator: `down`
 * makes it 503) and of those it reports but survives (drivers and telemetry: a network fault is not a
 * controller fault, so they never fail liveness). `/ready`: 200 once reconciled and healthy.
 */
@ApiTags('network')
@Controller('v1')
export class HealthController {
  constructor(
    private readonly intents: IntentService,
    private readonly telemetry: TelemetryIngestService,
    private readonly readiness: Readiness,
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    @Inject(NE_DRIVER) private readonly driver: NeDriver,
    @Inject(YANG_VALIDATOR) private readonly validator: YangValidator,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness with the state of store, validator, drivers and telemetry' })
  @ApiResponse({ status: 200, description: 'ok or degraded' })
  @ApiResponse({ status: 503, description: 'failing: the store or the validator is down' })
  async health(@Res({ passthrough: true }) res: Response) {
    const report = await this.report();
    if (report.status === 'failing') res.status(503);
    return report;
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness for orchestrators: reconciled at start and healthy' })
  @ApiResponse({ status: 503, description: 'Not ready (starting or failing)' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await this.report();
    const ready = this.readiness.isReady && report.status !== 'failing';
    res.status(ready ? 200 : 503);
    return { ready, reconciled: this.readiness.isReady, status: report.status };
  }

  private async report() {
    const store = this.storeCheck();
    const validator = await this.validatorCheck();
    const drivers = this.driverCheck();
    const telemetry = this.telemetryCheck();
    const checks = { store, validator, drivers, telemetry };
    const states = Object.values(checks).map((c) => c.state);
    const status =
      store.state === 'down' || validator.state === 'down'
        ? 'failing'
        : states.every((s) => s === 'up')
          ? 'ok'
          : 'degraded';
    const byStatus: Record<string, number> = {};
    if (store.state === 'up')
      for (const i of this.intents.list()) byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
    const ne = this.driver.status();
    return {
      status,
      checks,
      intents: byStatus,
      network: {
        protocol: this.driver.protocol,
        nes: ne.length,
        up: ne.filter((s) => s.state === 'up').length,
      },
      yang: this.validator.modules(),
    };
  }

  private storeCheck(): { state: CheckState; error?: string } {
    try {
      this.store.listSlices();
      return { state: 'up' };
    } catch (error) {
      return { state: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async validatorCheck(): Promise<YangValidatorStatus> {
    const probe = this.validator.probe?.();
    if (!probe) return this.validator.status?.() ?? { state: 'up', restarts: 0 };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<YangValidatorStatus>((resolve) => {
      timer = setTimeout(() => {
        const now = this.validator.status?.() ?? { state: 'up', restarts: 0 };
        resolve({ ...now, state: 'degraded', lastError: `no answer within ${PROBE_BUDGET_MS} ms` });
      }, PROBE_BUDGET_MS);
    });
    try {
      return await Promise.race([probe, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private driverCheck() {
    const status = this.driver.status();
    const byState: Record<string, number> = {};
    for (const s of status) byState[s.state] = (byState[s.state] ?? 0) + 1;
    const up = byState['up'] ?? 0;
    const state: CheckState = up === status.length ? 'up' : up === 0 ? 'down' : 'degraded';
    const failing = status.filter((s) => s.state !== 'up' && s.lastError !== undefined).slice(0, 10);
    const listeners = this.driver.listeners?.() ?? [];
    const listenerDown = listeners.some((l) => l.state === 'down');
    return {
      state: state === 'down' || listenerDown ? ('degraded' as CheckState) : state,
      protocol: this.driver.protocol,
      nes: status.length,
      byState,
      ...(failing.length > 0 && { errors: failing.map((s) => ({ ne: s.ne, error: s.lastError })) }),
      ...(listeners.length > 0 && { listeners }),
    };
  }

  private telemetryCheck() {
    const s = this.telemetry.status();
    const sinkErrors = s.sinks.filter((k) => k.lastError !== undefined || k.unhealthy !== undefined);
    const state: CheckState = !s.running ? 'degraded' : sinkErrors.length > 0 ? 'degraded' : 'up';
    return {
      state,
      running: s.running,
      queue: s.queue,
      sinks: s.sinks.map((k) => ({
        name: k.name,
        dropped: k.dropped,
        buffered: k.buffered,
        ...(k.lastError !== undefined && { lastError: k.lastError }),
        ...(k.unhealthy !== undefined && { unhealthy: k.unhealthy }),
      })),
    };
  }
}
