import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Module } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Finds the `dashboard/` folder of the package: walks up from this file, so it resolves the same from
 * `src/api` (ts-jest, ts-node) and from `dist/src/api` (the built CLI).
 */
export function dashboardRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`api/dashboard: no dashboard/index.html above ${from}`);
  }
}

/** Browsers revalidate every file (ETag / Last-Modified): an upgraded controller never serves stale modules. */
function noStale(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * Serves the NOC dashboard (static HTML, CSS and ES modules) at `/`. Mounted with express.static through
 * Nest's Express adapter during module init, i.e. after the API routes, so `/api/**` always wins and
 * unknown paths still reach Nest's 404 handling. GET and HEAD only; no directory listings, no dotfiles.
 */
@Module({})
export class DashboardModule implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter as ExpressAdapter | undefined;
    if (adapter === undefined) return; // an application context without HTTP
    // uPlot (MIT) for the charts, from the package's own dist/ (no copy in the repository, no CDN).
    adapter.useStaticAssets(join(dirname(require.resolve('uplot/package.json')), 'dist'), {
      prefix: '/vendor/uplot/',
      index: false,
      dotfiles: 'ignore',
      etag: true,
      lastModified: true,
      maxAge: 0,
      fallthrough: true,
      setHeaders: noStale,
    });
    adapter.useStaticAssets(dashboardRoot(), {
      index: 'index.html',
      dotfiles: 'ignore',
      etag: true,
      lastModified: true,
      maxAge: 0,
      fallthrough: true,
      setHeaders: noStale,
    });
  }
}
