import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import type { AppModuleOptions } from '../app.module';
import { IntentReconciler } from '../app/intent';
import type { ReconcileReport } from '../app/intent';
import { RestconfExceptionFilter } from './restconf-exception.filter';

export interface ControllerApp {
  readonly app: NestExpressApplication;
  readonly reconciled: ReconcileReport;
}

/**
 * Builds the controller's HTTP application: everything under /api, JSON bodies up to the configured limit,
 * one RFC 8040 exception filter, OpenAPI at /api/docs. Reconciles stored intents with the network before
 * it accepts requests.
 */
export async function createControllerApp(
  options: AppModuleOptions,
  onUnexpected: (err: unknown) => void = () => undefined,
): Promise<ControllerApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.config.logLevel === 'silent' ? false : ['error', 'warn'],
    bodyParser: false,
  });
  app.useBodyParser('json', {
    limit: options.config.bodyLimitBytes,
    type: ['application/json', 'application/yang-data+json', 'application/*+json'],
  });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalFilters(new RestconfExceptionFilter(onUnexpected));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Autonet')
      .setDescription('Intent-based SRv6 controller: intents, slices, policies, topology')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  await app.init();
  const reconciled = await app.get(IntentReconciler).reconcile();
  return { app, reconciled };
}
