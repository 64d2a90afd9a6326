/**
 * A controller killed with SIGKILL cannot stop its embedded simulator itself: the simulator notices it has
 * been orphaned and exits, so no stray network keeps running (and holding ports) after a crash.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { alive } from './wait';

const CLI = join(__dirname, '..', '..', 'bin', 'autonet');

it('the embedded simulator exits when the controller is killed -9', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-orphan-'));
  const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, AUTONET_LOG_LEVEL: 'warn', AUTONET_AUTH: 'none' },
  });
  let simPid = 0;
  try {
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: server.stdout }).once('line', resolve),
    );
    simPid = (JSON.parse(line) as { simulatorPid: number }).simulatorPid;
    expect(alive(simPid)).toBe(true);
    server.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(simPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(alive(simPid)).toBe(false);
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    if (simPid && alive(simPid)) process.kill(simPid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 30_000);
