import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { IndexController, RESOURCES } from './index.controller';

interface Route {
  readonly method: string;
  readonly path: string;
}

const clean = (p: string): string => p.replace(/^\/+|\/+$/g, '');

/** Every route of every controller in src/api, from the decorators' metadata, as the index writes paths. */
function controllerRoutes(): Route[] {
  const routes: Route[] = [];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.controller.ts'));
  for (const file of files) {
    const exports = require(join(__dirname, file)) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
    for (const value of Object.values(exports)) {
      if (typeof value !== 'function') continue;
      const base = Reflect.getMetadata(PATH_METADATA, value) as string | undefined;
      if (base === undefined) continue; // not a controller
      const proto = (value as { prototype: object }).prototype;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = (proto as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || method === undefined) continue;
        const joined = [clean(base), clean(sub)].filter((p) => p.length > 0).join('/');
        const prefixed = joined === 'metrics' ? '/metrics' : `/api/${joined}`; // /metrics is outside /api
        routes.push({ method: RequestMethod[method], path: prefixed.replace(/:(\w+)/g, '{$1}') });
      }
    }
  }
  return routes;
}

describe('GET /api/v1 (the index of resources)', () => {
  const routes = controllerRoutes();

  it('finds the controllers it checks (the enumeration itself works)', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toContainEqual({ method: 'DELETE', path: '/api/v1/auth/tokens/{name}' });
    expect(routes).toContainEqual({ method: 'GET', path: '/api/v1/intents/events' });
  });

  it('lists every route of every controller with its method', () => {
    const listed = new Set(RESOURCES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));
    const missing = routes
      .filter((r) => r.path !== '/api/v1') // the index itself
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !listed.has(r));
    expect(missing).toEqual([]);
  });

  it('lists nothing that no controller serves (except the OpenAPI document)', () => {
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const stale = RESOURCES.filter((r) => r.path !== '/api/docs')
      .flatMap((r) => r.methods.map((m) => `${m} ${r.path}`))
      .filter((r) => !served.has(r));
    expect(stale).toEqual([]);
  });

  it('answers with the list', () => {
    const body = new IndexController().index();
    expect(body.version).toBe('v1');
    expect(body.resources).toBe(RESOURCES);
  });
});
