/**
 * Rendering of the NOC dashboard in headless Chromium (Debian `chromium`) against a real controller serving
 * Teal's ASN2k (1,739 nodes, 4,279 links): time to first render and frame time while panning, the canvas
 * renderer against the SVG one (the peer, forced with ?canvas=100000) in the same run; then the page's JS
 * heap over N minutes of 1 Hz twin updates (flat means no leak).
 * Usage: node dist/bench/dashboard.bench.js [--heap-minutes N]   (N = 10 by default, the figure; 0 skips
 * the heap run and measures rendering only)
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { median, percentile, sharedTopologies, writeResult } from './bench-util';

const ROOT = join(__dirname, '..', '..');
/** The few browser globals the page functions use (this project's tsconfig has no DOM lib). */
interface PageGlobals {
  autonetMap?: { stats(): { frames: number }; pan(dx: number, dy: number): void };
  document: {
    querySelectorAll(s: string): { length: number };
    getElementById(id: string): { setAttribute(k: string, v: string): void } | null;
  };
  requestAnimationFrame(cb: () => void): void;
  performance: { now(): number; getEntriesByName(name: string): { duration: number }[] };
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--enable-precise-memory-info',
];

async function serve(topology: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const args = [join(ROOT, 'bin', 'autonet'), 'serve', '--port', '0', '--data-dir', dataDir];
  args.push('--topology', topology, '--network', 'memory', '--auth', 'none');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AUTONET_LOG_LEVEL: 'warn' },
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { child, url: (JSON.parse(line) as { listening: string }).listening };
}

/** Milliseconds from navigation until the map has drawn (canvas frame or SVG link elements present). */
async function firstRender(page: Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const w = globalThis as unknown as PageGlobals;
      return w.autonetMap
        ? w.autonetMap.stats().frames > 0
        : w.document.querySelectorAll('#map [data-link-id]').length > 0;
    },
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  return Date.now() - t0;
}

/** Frame intervals (ms) over `frames` animation frames while the map is panned a little every frame. */
function panFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const w = globalThis as unknown as PageGlobals;
    const map = w.autonetMap;
    const svg = w.document.getElementById('map');
    const out: number[] = [];
    let last = w.performance.now();
    for (let i = 0; i < n; i++) {
      if (map) map.pan(2, 1);
      else svg?.setAttribute('viewBox', `${i * 2} ${i} 1000 620`);
      await new Promise<void>((r) => w.requestAnimationFrame(r));
      const now = w.performance.now();
      out.push(now - last);
      last = now;
    }
    return out;
  }, frames);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

async function measure(browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const ttfr = await firstRender(page, url);
  // where the first render's time goes (marks the canvas map sets; absent for the SVG peer)
  const marks = await page.evaluate(() => {
    const p = (globalThis as unknown as PageGlobals).performance;
    const ms = (name: string): number | null => p.getEntriesByName(name)[0]?.duration ?? null;
    return { layoutMs: ms('autonet:layout'), firstDrawMs: ms('autonet:first-draw') };
  });
  const frames = await panFrames(page, 120);
  return { page, ttfrMs: ttfr, ...marks, frameMedianMs: median(frames), frameP95Ms: percentile(frames, 95) };
}

/** `--heap-minutes N` (or `--heap-minutes=N`); a bare number is accepted too, as before. */
function heapMinutes(argv: readonly string[]): number {
  const i = argv.findIndex((a) => a === '--heap-minutes' || a.startsWith('--heap-minutes='));
  const raw = i < 0 ? argv.find((a) => /^\d+$/.test(a)) : (argv[i]!.split('=')[1] ?? argv[i + 1]);
  const n = Number(raw ?? 10);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`dashboard bench: --heap-minutes wants a whole number, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const minutes = heapMinutes(process.argv.slice(2));
  const topology = join(sharedTopologies(), 'teal', 'ASN2k.json');
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-dash-bench-'));
  const { child, url } = await serve(topology, dataDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const svg = await measure(browser, `${url}/?canvas=100000&twin=1000`);
    await svg.page.close();
    const canvas = await measure(browser, `${url}/?twin=1000`);
    // frames drawn so far with each sample: proof the map really redrew at 1 Hz while the heap stayed flat
    const drawn = () =>
      canvas.page.evaluate(() => (globalThis as unknown as PageGlobals).autonetMap?.stats().frames ?? 0);
    const heap: { minute: number; mb: number; frames: number }[] = [
      { minute: 0, mb: await heapMb(canvas.page), frames: await drawn() },
    ];
    for (let m = 1; m <= minutes; m++) {
      await new Promise((r) => setTimeout(r, 60_000));
      heap.push({ minute: m, mb: await heapMb(canvas.page), frames: await drawn() });
    }
    writeResult('dashboard', {
      topology: 'ASN2k (1,739 nodes, 4,279 links)',
      canvas: {
        ttfrMs: canvas.ttfrMs,
        layoutMs: canvas.layoutMs,
        firstDrawMs: canvas.firstDrawMs,
        frameMedianMs: canvas.frameMedianMs,
        frameP95Ms: canvas.frameP95Ms,
      },
      svgPeer: { ttfrMs: svg.ttfrMs, frameMedianMs: svg.frameMedianMs, frameP95Ms: svg.frameP95Ms },
      ratios: {
        ttfrSvgOverCanvas: svg.ttfrMs / canvas.ttfrMs,
        frameP95SvgOverCanvas: svg.frameP95Ms / canvas.frameP95Ms,
      },
      updates: '1 Hz twin refresh (?twin=1000)',
      heapMinutes: minutes,
      heapMb: heap,
      heapGrowthMb: heap.at(-1)!.mb - heap[Math.min(1, heap.length - 1)]!.mb,
    });
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
