import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, Provider } from '@nestjs/common';
import { MemoryNeDriver } from './adapters/drivers/memory';
import { createTelemetrySinks } from './adapters/telemetry/telemetry-sinks.factory';
import { DashboardModule } from './api/dashboard.module';
import { TelemetryModule } from './app/telemetry/telemetry.module';
import { SqliteIncidentStore, SqliteIntentStore, SqliteTokenStore } from './adapters/store';
import { AuditController } from './api/audit.controller';
import { AuthController } from './api/auth.controller';
import { AUTH_OPTIONS, AuthService, TokenStoreCloser } from './app/auth';
import type { AuthOptions } from './app/auth';
import { TOKEN_STORE } from './ports/token-store.port';
import type { TokenStore } from './ports/token-store.port';
import { LibyangValidator } from './adapters/yang';
import { IndexController } from './api/index.controller';
import { IntentsController } from './api/intents.controller';
import { PathsController } from './api/paths.controller';
import { NetworkController } from './api/network.controller';
import { HealthController, Readiness } from './api/health.controller';
import { RequestValidation } from './api/request-validation';
import { SlicesController } from './api/slices.controller';
import { InProcessEventBus } from './app/events';
import {
  CLOCK,
  IntentLedger,
  IntentPlanner,
  IntentReconciler,
  IntentRecords,
  IntentService,
  NETWORK_MODEL,
  NetworkViewService,
  PATH_ENGINE_FACTORY,
  PLAN_VERIFIER,
  PolicyDeployer,
  ReconcileScheduler,
  SliceService,
} from './app/intent';
import type { NetworkModel } from './app/intent';
import type { AppConfig } from './config';
import { sharedEngineFactory, TopologyPlanVerifier } from './core/intent';
import type { PathEngineFactory } from './core/intent';
import { PathEngine } from './core/pathcomp';
import { EVENT_BUS } from './ports/event-bus.port';
import { INCIDENT_STORE } from './ports/incident-store.port';
import { INTENT_STORE } from './ports/intent-store.port';
import type { IntentStore } from './ports/intent-store.port';
import { NE_DRIVER } from './ports/ne-driver.port';
import type { NeDriver } from './ports/ne-driver.port';
import { YANG_VALIDATOR } from './ports/yang-validator.port';
import type { YangValidator } from './ports/yang-validator.port';
import { IncidentsController } from './api/incidents.controller';
import { TwinController } from './api/twin.controller';
import { TWIN_OPTIONS, TWIN_SINK, TwinPlanVerifier, TwinService, TwinSink, TwinWhatIf } from './app/twin';
import { ControllerMetrics } from './api/metrics.controller';
import { NetworkStateMetrics } from './api/network-state.metrics';
import { ComputeMetrics } from './api/compute.metrics';
import { OptimizeController } from './api/optimize.controller';
import { LiveOptimizer } from './app/optimize';
import { ASSURANCE_METRICS, assuranceWiring, avoidingEngineFactory, avoidingVerifier } from './app/assurance';
import { autonomyOf } from './config';
import { loadFaultModel } from './adapters/models';
import type { LogisticModel } from './core/assurance/classify';
import { WorkerThreadPool } from './adapters/compute';
import { COMPUTE_OPTIONS, ComputeService, InlineComputePool } from './app/compute';
import { COMPUTE_POOL } from './ports/compute-pool.port';
import type { ComputePool } from './ports/compute-pool.port';

export const APP_CONFIG = Symbol('AppConfig');

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly network: NetworkModel;
  /** Overrides for tests; by default every port is bound from `config` below. */
  readonly store?: IntentStore;
  readonly driver?: NeDriver;
  readonly validator?: YangValidator;
  readonly tokens?: TokenStore;
  readonly compute?: ComputePool;
  /** The twin's admission ceiling, and whether plans are verified in the twin (default on, 0.85). */
  readonly twin?: { readonly ceiling?: number; readonly admission?: boolean };
  /** The learned fault classifier (null: rules only); by default the shipped models/fault-classifier.json. */
  readonly faultModel?: LogisticModel | null;
}

/** Authentication settings from the configuration. */
function authOptions(config: AppConfig): AuthOptions {
  return {
    mode: config.auth,
    ...(config.oidcIssuer !== undefined && {
      oidc: {
        issuer: config.oidcIssuer,
        audience: config.oidcAudience ?? '',
        jwks: config.oidcJwks ?? '',
        roleClaim: config.oidcRoleClaim,
      },
    }),
  };
}

/** Closes what the module opened, in reverse order of dependency. */
@Injectable()
class ResourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(INTENT_STORE) private readonly store: IntentStore,
    @Inject(NE_DRIVER) private readonly driver: NeDriver,
    @Inject(YANG_VALIDATOR) private readonly validator: YangValidator,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
    (this.validator as Partial<LibyangValidator>).close?.();
    this.store.close();
  }
}

/** The only place where ports are bound to adapters (docs/architecture.md rule 3). */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config, network } = options;
    const assurance = assuranceWiring(
      {
        autonomy: autonomyOf(config),
        intervalMs: config.telemetryIntervalMs,
        faultModel: options.faultModel !== undefined ? options.faultModel : loadFaultModel().model,
      },
      network,
    );
    const twinSink = new TwinSink();
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: NETWORK_MODEL, useValue: network },
      {
        provide: INTENT_STORE,
        useFactory: () =>
          options.store ?? SqliteIntentStore.open({ dataDir: config.dataDir, exclusive: true }),
      },
      {
        // incidents persist beside the intents (a memory intent store keeps them in memory too)
        provide: INCIDENT_STORE,
        useFactory: () => (options.store ? null : SqliteIncidentStore.open({ dataDir: config.dataDir })),
      },
      {
        provide: NE_DRIVER,
        useFactory: () =>
          options.driver ??
          new MemoryNeDriver(network.topology, network.sids, { latencyMs: config.networkLatencyMs }),
      },
      {
        provide: YANG_VALIDATOR,
        useFactory: () =>
          options.validator ??
          LibyangValidator.start({
            yangDir: config.yangDir,
            executable: config.yanglint,
            timeoutMs: config.yangTimeoutMs,
            startTimeoutMs: config.yangStartTimeoutMs,
          }),
      },
      { provide: EVENT_BUS, useValue: new InProcessEventBus() },
      { provide: CLOCK, useValue: () => new Date() },
      {
        provide: PATH_ENGINE_FACTORY,
        useValue: avoidingEngineFactory(
          sharedEngineFactory(network.topology, (o) => new PathEngine(network.topology, network.sids, o)),
          assurance.avoidance,
        ) satisfies PathEngineFactory,
      },
      {
        provide: TWIN_OPTIONS,
        useValue: {
          sampleIntervalMs: config.telemetryIntervalMs,
          ...(options.twin?.ceiling !== undefined && { ceiling: options.twin.ceiling }),
        },
      },
      { provide: TWIN_SINK, useValue: twinSink },
      TwinService,
      TwinWhatIf,
      {
        provide: PLAN_VERIFIER,
        useFactory: (twin: TwinService) =>
          avoidingVerifier(
            options.twin?.admission === false
              ? new TopologyPlanVerifier(network.sids)
              : new TwinPlanVerifier(new TopologyPlanVerifier(network.sids), twin),
            assurance.avoidance,
          ),
        inject: [TwinService],
      },
      {
        provide: COMPUTE_POOL,
        useFactory: (): ComputePool =>
          options.compute ??
          (config.computeWorkers === 0
            ? new InlineComputePool()
            : new WorkerThreadPool(
                config.computeWorkers !== undefined ? { size: config.computeWorkers } : {},
              )),
      },
      {
        provide: COMPUTE_OPTIONS,
        useValue: {
          budgetMs: config.computeBudgetMs,
          avoid: () => ({
            links: assurance.avoidance.links(),
            nodes: assurance.avoidance.nodes(),
            ...(assurance.avoidance.partialDisjoint && { partialDisjoint: true }),
          }),
        },
      },
      ComputeService,
      IntentLedger,
      IntentPlanner,
      IntentRecords,
      PolicyDeployer,
      IntentService,
      IntentReconciler,
      ReconcileScheduler,
      SliceService,
      NetworkViewService,
      RequestValidation,
      ResourceCloser,
      Readiness,
      {
        provide: TOKEN_STORE,
        useFactory: () => options.tokens ?? SqliteTokenStore.open({ dataDir: config.dataDir }),
      },
      { provide: AUTH_OPTIONS, useValue: authOptions(config) },
      AuthService,
      TokenStoreCloser,
      ...assurance.providers,
      { provide: ASSURANCE_METRICS, useExisting: ControllerMetrics },
      NetworkStateMetrics,
      ComputeMetrics,
      LiveOptimizer,
    ];
    const telemetry = createTelemetrySinks(
      config.influxUrl
        ? {
            influx: {
              url: config.influxUrl,
              database: config.influxDb,
              ...(config.influxUsername !== undefined && {
                username: config.influxUsername,
                password: config.influxPassword ?? '',
              }),
              ...(config.influxToken !== undefined && { token: config.influxToken }),
            },
          }
        : {},
    );
    return {
      module: AppModule,
      imports: [
        DashboardModule,
        TelemetryModule.forRoot({
          topology: network.topology,
          ...telemetry,
          sinks: [...telemetry.sinks, assurance.tap, twinSink],
          ingest: { sampleIntervalMs: config.telemetryIntervalMs },
        }),
      ],
      controllers: [
        IndexController,
        IntentsController,
        SlicesController,
        NetworkController,
        HealthController,
        AuditController,
        AuthController,
        IncidentsController,
        TwinController,
        PathsController,
        OptimizeController,
      ],
      providers,
    };
  }
}
