import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSim } from '../../simulators/cli/sim.cli';

const doc = {
  format: 'autonet-topology/1',
  name: 'tri',
  nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
  links: [
    { id: 'AB', a: 'A', b: 'B', capacityMbps: 1000, delayUs: 500, igpMetric: 10 },
    { id: 'BC', a: 'B', b: 'C', capacityMbps: 1000, delayUs: 500, igpMetric: 10 },
    { id: 'CA', a: 'C', b: 'A', capacityMbps: 1000, delayUs: 500, igpMetric: 10 },
  ],
};

describe('autonet sim (in-process runSim, real servers on loopback)', () => {
  let dir: string;
  let out: string[];
  let spy: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'autonet-sim-'));
    out = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the bound ports, serves the admin API with the given demands, and stops on SIGTERM', async () => {
    const topo = join(dir, 'tri.json');
    const demands = join(dir, 'd.json');
    writeFileSync(topo, JSON.stringify(doc));
    writeFileSync(demands, JSON.stringify([{ from: 'A', to: 'C', mbps: 100 }]));
    const done = runSim([
      'sim',
      '--topology',
      topo,
      '--demands',
      demands,
      '--admin-port',
      '0',
      '--gnmi-port',
      '0',
      '--snmp-port',
      '0',
      '--speed',
      '100',
      '--start-ms',
      '1000000',
      '--seed',
      '7',
    ]);
    while (out.length === 0) await new Promise((r) => setTimeout(r, 20));
    const started = JSON.parse(out[0]!) as {
      ports: { admin: number; gnmi: number; snmp: number };
      startMs: number;
    };
    expect(started).toMatchObject({ event: 'sim-started', nodes: 3, links: 3, seed: 7, startMs: 1_000_000 });
    expect(started.ports.gnmi).toBeGreaterThan(0);
    expect(started.ports.snmp).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    const state = (await (await fetch(`http://127.0.0.1:${started.ports.admin}/state`)).json()) as {
      nowMs: number;
      links: { arc: string; loadMbps: number }[];
    };
    expect(state.nowMs).toBeGreaterThan(1_000_000);
    expect(state.links.find((l) => l.arc === 'CA#ba')!.loadMbps).toBeGreaterThan(50);
    expect(state.links.find((l) => l.arc === 'AB#ab')!.loadMbps).toBe(0);
    process.emit('SIGTERM');
    await expect(done).resolves.toBe(0);
    expect(JSON.parse(out[out.length - 1]!)).toMatchObject({ event: 'sim-stopped', signal: 'SIGTERM' });
    await expect(fetch(`http://127.0.0.1:${started.ports.admin}/state`)).rejects.toThrow();
  });

  it('reads a REPETITA .graph and .demands file (kbit/s → Mbit/s)', async () => {
    const graph = join(dir, 'tri.graph');
    writeFileSync(
      graph,
      'NODES 3\nlabel x y\nA 0 0\nB 1 0\nC 2 0\n\nEDGES 4\nlabel src dest weight bw delay\n' +
        'e0 0 1 10 1000000 1\ne1 1 0 10 1000000 1\ne2 1 2 10 1000000 1\ne3 2 1 10 1000000 1\n',
    );
    const demands = join(dir, 'tri.demands');
    writeFileSync(demands, 'DEMANDS 1\nlabel src dest bw\nd0 0 2 250000\n');
    const done = runSim(['--topology', graph, '--demands', demands, '--admin-port', '0', '--speed', '100']);
    while (out.length === 0) await new Promise((r) => setTimeout(r, 20));
    const started = JSON.parse(out[0]!) as { ports: { admin: number }; nodes: number };
    expect(started.nodes).toBe(3);
    await new Promise((r) => setTimeout(r, 50));
    const state = (await (await fetch(`http://127.0.0.1:${started.ports.admin}/state`)).json()) as {
      links: { from: string; to: string; loadMbps: number }[];
    };
    const bc = state.links.find((l) => l.from.startsWith('B') && l.to.startsWith('C'))!;
    expect(bc.loadMbps).toBeGreaterThan(150);
    expect(bc.loadMbps).toBeLessThan(350);
    process.emit('SIGTERM');
    await expect(done).resolves.toBe(0);
  });

  it('fails with a message naming the bad file', async () => {
    const errs: string[] = [];
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      errs.push(String(s));
      return true;
    });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"autonet-topology/1","name":"x","nodes":[{}],"links":[]}');
    await expect(runSim(['--topology', bad])).resolves.toBe(1);
    await expect(runSim(['--topology', bad, '--seed', 'abc'])).resolves.not.toBe(0);
    e.mockRestore();
    expect(errs.join('')).toMatch(/nodes/);
  });
});
