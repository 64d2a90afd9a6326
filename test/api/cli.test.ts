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
    expect(stdout).toMatch(/^cli1\s+created\s+deployed$/m);
    stdout = '';
    expect(await run('apply', '-f', file, '-o', 'json')).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      results: [{ name: 'cli1', file, outcome: 'unchanged', status: 'deployed' }],
    });
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
    expect(stdout).toMatch(/^bad\s+refused\s+.*Mars/m);
    expect(await run('get', 'nope')).toBe(1);
    expect(stderr).toMatch(/HTTP 404/);
  });

  it('applies every intent of a set, reports the one refusal and exits non-zero', async () => {
    const file = join(dir, 'several.yaml');
    const intent = (name: string, b: string) =>
      `name: ${name}\nkind: connectivity\nendpoints: {a: Seattle, b: ${b}}\nslo: {bandwidthMbps: 10}\nsle: {protection: none}\n`;
    writeFileSync(
      file,
      [intent('m1', 'Houston'), intent('m2', 'Atlantis'), intent('m3', 'Denver')].join('---\n'),
    );
    expect(await run('apply', '-f', file)).toBe(1);
    expect(stdout).toMatch(/^m1\s+created\s+deployed$/m);
    expect(stdout).toMatch(/^m2\s+refused\s+.*Atlantis/m);
    expect(stdout).toMatch(/^m3\s+created\s+deployed$/m);
    expect(stdout).toMatch(/3 intent\(s\): 2 applied, 1 refused/);
    expect(
      api.store
        .listIntents()
        .map((i) => i.spec.name)
        .sort(),
    ).toEqual(['m1', 'm3']);
    // A later successful command is not tainted by the earlier refusal's exit status.
    expect(await run('list')).toBe(0);
  });

  it('says an unknown command is unknown, even with --help', async () => {
    expect(await main(['nosuch', '--help'])).toBe(1);
    expect(stderr).toMatch(/unknown command 'nosuch'/);
  });

  it('path --server computes against the live reservations', async () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(
      file,
      'name: big\nkind: connectivity\nendpoints: {a: Seattle, b: Sunnyvale}\nslo: {bandwidthMbps: 9500}\nsle: {protection: none}\n',
    );
    expect(await run('apply', '-f', file)).toBe(0);
    const reserved = api.store.reservations().length;
    stdout = '';
    const path = (...args: string[]) =>
      main(['path', '--server', server, '--from', 'Seattle', '--to', 'Sunnyvale', '--json', ...args]);
    expect(await path()).toBe(0);
    const free = JSON.parse(stdout) as { ok: boolean; paths: { links: string[] }[] };
    expect(free.ok).toBe(true);
    stdout = '';
    // 9,500 of the direct link's 10,000 Mbit/s are reserved: 1,000 more must go around it
    expect(await path('--bandwidth-mbps', '1000')).toBe(0);
    const around = JSON.parse(stdout) as { ok: boolean; paths: { links: string[] }[] };
    expect(around.ok).toBe(true);
    expect(around.paths[0]!.links).not.toEqual(free.paths[0]!.links);
    expect(api.store.reservations()).toHaveLength(reserved); // computing reserves nothing
    expect(await run('delete', 'big')).toBe(0);
  });
});
