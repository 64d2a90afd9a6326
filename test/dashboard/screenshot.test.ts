import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `chromium --headless --screenshot --virtual-time-budget=N <dashboard>` finishes (issue 11): virtual time only
 * advances while no fetch is pending, and the page's event streams never end, so it used to hang until killed.
 */
const CLI = join(__dirname, '..', '..', 'bin', 'autonet');

jest.setTimeout(120_000);

describe('a headless screenshot of the dashboard', () => {
  let server: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'autonet-shot-'));
  afterAll(() => {
    if (server?.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes with a virtual-time budget and writes the picture', async () => {
    server = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--network', 'memory', '--auth', 'none', '--data-dir', join(dir, 'data')],
      { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, AUTONET_LOG_LEVEL: 'warn' } },
    );
    const line = await new Promise<string>((resolve, reject) => {
      server!.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      createInterface({ input: server!.stdout! }).once('line', resolve);
    });
    const { listening } = JSON.parse(line) as { listening: string };
    const png = join(dir, 'noc.png');
    const started = Date.now();
    await new Promise<void>((resolve, reject) =>
      execFile(
        '/usr/bin/chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          `--screenshot=${png}`,
          '--window-size=1280,800',
        ].concat(['--virtual-time-budget=5000', `${listening}/`]),
        { timeout: 60_000 },
        (err) => (err ? reject(new Error(`chromium did not finish: ${err.message}`)) : resolve()),
      ),
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
  });
});
