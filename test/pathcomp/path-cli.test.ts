import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

/** `autonet path` end to end through the real CLI wiring, on a golden topology file. */
const topology = join(__dirname, '..', 'golden', 'pathcomp', 'delay-bounded', 'topology.json');

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    const code = await main(['path', '--topology', topology, ...args]);
    return { code, out };
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}

describe('autonet path', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'autonet-path-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers one query as JSON with the contract fields', async () => {
    const { code, out } = await run(['--from', 'pe1', '--to', 'pe2', '--max-delay-us', '5000', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { paths: { nodes: string[] }[] };
    expect(Object.keys(r.paths[0]!)).toEqual([
      'nodes',
      'links',
      'metric',
      'igpCost',
      'delayUs',
      'hops',
      'segments',
    ]);
    expect(r.paths[0]!.nodes).toEqual(['pe1', 'p3', 'p2', 'pe2']);
  });

  it('prints a readable refusal naming the binding constraint, exit status 1', async () => {
    const { code, out } = await run(['--from', 'pe1', '--to', 'pe2', '--max-delay-us', '100']);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^NO_PATH: .*\n {2}blocked by max-delay: the fastest path from pe1 to pe2 takes 2,500 µs/,
    );
  });

  it('turns a bad option value into an INVALID_QUERY result naming the field', async () => {
    const { out } = await run(['--from', 'pe1', '--to', 'pe2', '--max-hops', 'two', '--json']);
    expect(JSON.parse(out).error).toMatchObject({
      code: 'INVALID_QUERY',
      blocking: [{ elements: ['maxHops'] }],
    });
  });

  it('answers a batch line by line, in order, bad lines included', async () => {
    const file = join(dir, 'q.jsonl');
    const lines = [
      { id: 'a', from: 'pe1', to: 'pe2', disjoint: 'link' },
      'not json',
      { id: 'c', from: 'pe1', to: 'x' },
      { id: 'd', from: 'pe1', to: 'pe2', excludeSrlgs: [1], metric: 'delay' },
      { id: 'e', from: 'pe1', to: 'pe2', maxHops: '3' },
    ];
    writeFileSync(
      file,
      `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n\n`,
    );
    const { code, out } = await run(['--batch', file, '--json']);
    expect(code).toBe(0);
    type Line = { id?: string; ok: boolean; paths?: unknown[]; error?: { code: string; message: string } };
    const results = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(results.map((r) => [r.id, r.ok, r.error?.code])).toEqual([
      ['a', true, undefined],
      [undefined, false, 'INVALID_QUERY'],
      ['c', false, 'UNKNOWN_NODE'],
      ['d', true, undefined],
      ['e', false, 'INVALID_QUERY'],
    ]);
    expect(results[0]!.paths).toHaveLength(2);
    expect(results[1]!.error!.message).toContain('line 2');
  });
});
