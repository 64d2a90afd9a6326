import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { startApi } from './api-harness';
import type { Api } from './api-harness';

/** `autonet intent …` against a real controller over HTTP. */
describe('autonet intent CLI', () => {
  let api: Api;
  let server: string;
  let stdout: string;
  let stderr: string;
  const dir = mkdtempSync(join(tmpdir(), 'autonet-cli-'));
  beforeAll(async () => {
    api = await startApi();
    await new Promise<void>((resolve) => api.http.listen(0, '127.0.0.1', resolve));
    server = `http://127.0.0.1:${(api.http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => main(['intent', '--server', server, ...args]);

  it('applies a YAML file, lists, gets and deletes', async () => {
    const file = join(dir, 'intent.yaml');
    writeFileSync(
      file,
      'name: cli1\nkind: connectivity\nendpoints: {a: Seattle, b: Houston}\nslo: {bandwidthMbps: 100}\nsle: {protection: node-disjoint}\n',
    );
    expect(await run('apply', '-f', file)).toBe(0);
    const first = JSON.parse(stdout) as { version: number };
    expect(first).toMatchObject({ name: 'cli1', status: 'deployed' });
    stdout = '';
    expect(await run('apply', '-f', file)).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ name: 'cli1', version: first.version });
    stdout = '';
    expect(await run('list')).toBe(0);
    expect(stdout).toMatch(/^cli1\s+deployed\s+Seattle\s+Houston\s+100$/m);
    stdout = '';
    expect(await run('get', 'cli1')).toBe(0);
    expect(JSON.parse(stdout).plan.policies).toHaveLength(2);
    expect(await run('delete', 'cli1')).toBe(0);
    expect(api.store.listIntents()).toEqual([]);
  });

  it('reports the RFC 8040 error message and fails for bad input', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'bad',
        kind: 'connectivity',
        endpoints: { a: 'Seattle', b: 'Mars' },
        slo: { bandwidthMbps: 1 },
      }),
    );
    expect(await run('apply', '-f', file)).toBe(1);
    expect(stderr).toMatch(/HTTP 400: .*Mars/);
    expect(await run('get', 'nope')).toBe(1);
    expect(stderr).toMatch(/HTTP 404/);
  });
});
