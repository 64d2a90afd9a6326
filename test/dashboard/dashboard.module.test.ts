import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DashboardModule, dashboardRoot } from '../../src/api/dashboard.module';

@Controller('v1')
class PingController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

@Module({ imports: [DashboardModule], controllers: [PingController] })
class TestModule {}

describe('DashboardModule (static serving through Nest + Express)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: false });
    app.setGlobalPrefix('api'); // as the controller does
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves index.html at / with an HTML content type and revalidation', async () => {
    const res = await request(app.getHttpServer()).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['etag']).toBeDefined();
    expect(res.text).toContain('<svg');
  });

  it('serves ES modules and CSS with types a browser accepts for them', async () => {
    const js = await request(app.getHttpServer()).get('/js/main.js').expect(200);
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const css = await request(app.getHttpServer()).get('/css/base.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('answers 304 to a revalidation with a matching ETag', async () => {
    const first = await request(app.getHttpServer()).get('/js/api.js').expect(200);
    await request(app.getHttpServer())
      .get('/js/api.js')
      .set('If-None-Match', String(first.headers['etag']))
      .expect(304);
  });

  it('leaves the API to its controllers and unknown paths to the 404 handler', async () => {
    const api = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(api.body).toEqual({ status: 'ok' });
    await request(app.getHttpServer()).get('/nope.html').expect(404);
    await request(app.getHttpServer()).get('/api/v1/nope').expect(404);
  });

  it('serves nothing outside dashboard/', async () => {
    await request(app.getHttpServer()).get('/../package.json').expect(404);
    await request(app.getHttpServer())
      .get('/%2e%2e/package.json')
      .expect((r) => {
        expect([400, 403, 404]).toContain(r.status);
      });
  });

  it('finds dashboard/ from a build output folder too', () => {
    const root = dashboardRoot();
    expect(dashboardRoot(`${root}/../dist/src/api`)).toBe(root);
  });
});
