import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { startFakeApi } from './fake-api';
import type { FakeApi } from './fake-api';
import { TOPOLOGY } from './fake-api.fixture';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];

/** The few page globals read here (the project's tsconfig has no DOM lib). */
interface PageGlobals {
  autonetMap?: { stats(): { frames: number; nodes: number; links: number } };
  performance: { getEntriesByName(name: string): unknown[] };
}

jest.setTimeout(60_000);

/**
 * The canvas renderer (forced with ?canvas=0 on the small fixture network): draws every node and link, and
 * lays the network out once per topology. A resize only re-fits the layout; computing it again was half of
 * the first-render time on ASN2k (the ResizeObserver's first callback rebuilt it).
 */
describe('canvas map', () => {
  let fake: FakeApi;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`canvas map test: ${CHROMIUM} missing: apt-get install -y chromium`);
    fake = await startFakeApi(resolve(__dirname, '../../dashboard'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(String(e)));
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  const frames = () =>
    page.evaluate(() => (globalThis as unknown as PageGlobals).autonetMap?.stats().frames ?? 0);
  const layouts = () =>
    page.evaluate(
      () => (globalThis as unknown as PageGlobals).performance.getEntriesByName('autonet:layout').length,
    );

  it('draws the whole network and computes its layout once, resizes included', async () => {
    await page.goto(`${fake.url}/?canvas=0.5&refresh=60000`);
    await page.waitForFunction(
      () => ((globalThis as unknown as PageGlobals).autonetMap?.stats().frames ?? 0) > 0,
    );
    const stats = await page.evaluate(() => (globalThis as unknown as PageGlobals).autonetMap!.stats());
    expect(stats.nodes).toBe(TOPOLOGY.nodes.length);
    expect(stats.links).toBe(TOPOLOGY.links.length);
    const before = await frames();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction(
      (n) => ((globalThis as unknown as PageGlobals).autonetMap?.stats().frames ?? 0) > n,
      before,
    );
    expect(await layouts()).toBe(1);
    expect(await page.locator('#map-canvas').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
