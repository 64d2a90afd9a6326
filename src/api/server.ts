import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import type { AppModuleOptions } from '../app.module';
import { readFileSync } from 'node:fs';
import { AuthService } from '../app/auth';
import { IntentReconciler, ReconcileScheduler } from '../app/intent';
import { INTENT_STORE } from '../ports/intent-store.port';
import type { IntentStore } from '../ports/intent-store.port';
import { Counter } from 'prom-client';
import { ControllerMetrics } from './metrics.controller';
import { installSecurity } from './security.middleware';
import type { RefusalReason } from './security.middleware';
import type { ReconcileReport } from '../app/intent';
import { Readiness } from './health.controller';
import { RestconfExceptionFilter } from './restconf-exception.filter';

export interface ControllerApp {
  readonly app: NestExpressApplication;
  readonly reconciled: ReconcileReport;
  /** How long the start-up reconciliation took (wall clock, ms): the crash campaign reports it. */
  readonly reconcileMs: number;
  /** The first start's admin token (from `<data-dir>/admin.token`) while valid; undefined with `--auth none`. */
  readonly adminToken?: string;
}

/**
 * Builds the controller's HTTP(S) application: security middleware (Host check, helmet, strict JSON, bearer
 * tokens, rate limit, audit), everything under /api, JSON bodies up to the configured limit,
 * one RFC 8040 exception filter, OpenAPI at /api/docs. Reconciles stored intents with the network before
 * it accepts requests.
 */
export async function createControllerApp(
  options: AppModuleOptions,
  onUnexpected: (err: unknown) => void = () => undefined,
  warn?: (fields: Record<string, unknown>, message: string) => void,
): Promise<ControllerApp> {
  const { config } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn'],
    bodyParser: false,
    ...(config.tlsCert !== undefined &&
      config.tlsKey !== undefined && {
        httpsOptions: { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) },
      }),
  });
  app.disable('x-powered-by');
  installSecurity(app, {
    auth: app.get(AuthService),
    store: app.get<IntentStore>(INTENT_STORE),
    allowedHosts: (config.allowedHosts ?? '').split(',').filter((h) => h.trim().length > 0),
    rateLimitPerMinute: config.rateLimitPerMinute,
    bodyLimitBytes: config.bodyLimitBytes,
    tls: config.tlsCert !== undefined,
    refused: refusalCounter(app),
    ...(warn !== undefined && { warn }),
  });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalFilters(new RestconfExceptionFilter(onUnexpected));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Autonet')
      .setDescription('Intent-based SRv6 controller: intents, slices, policies, topology')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API token (an_…) or an OIDC JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  await app.init();
  const reconcileStarted = Date.now();
  const reconciled = await app.get(IntentReconciler).reconcile();
  const reconcileMs = Date.now() - reconcileStarted;
  app.get(Readiness).markReady();
  app.get(ReconcileScheduler).start({
    intervalMs: config.reconcileIntervalMs,
    auditMaxRows: config.auditMaxRows,
    auditMaxAgeDays: config.auditMaxAgeDays,
    onError: onUnexpected,
  });
  const adminToken = app.get(AuthService).bootstrapAdmin(config.dataDir);
  return { app, reconciled, reconcileMs, ...(adminToken !== undefined && { adminToken }) };
}

/** `autonet_http_refused_total{reason}` on the controller's registry: refusals happen before any route. */
function refusalCounter(app: NestExpressApplication): (reason: RefusalReason) => void {
  const counter = new Counter<'reason'>({
    name: 'autonet_http_refused_total',
    help: 'Requests refused before routing, by reason (host, origin, malformed-body, unauthenticated, forbidden, rate-limited)',
    labelNames: ['reason'],
    registers: [app.get(ControllerMetrics, { strict: false }).registry],
  });
  return (reason) => counter.inc({ reason });
}
