/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- proto-loader messages are untyped wire objects */
/**
 * gNMI telemetry throughput: leaf updates per second from the simulator's gNMI server, through a client's
 * decoding, to TelemetrySample objects. The server runs in a child process (its own core); rates "per client
 * CPU-second" divide by the client process's CPU time, the number to plan capacity with on a shared machine.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/gnmi.bench.js [--nes 20] [--ifaces 48] [--seconds 4]
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { GnmiNeDriver, GnmiWireDecoder, notificationToSamples } from '../src/adapters/drivers/gnmi';
import { nodeId, type NodeId } from '../src/core/model/ids';
import type { TelemetrySample } from '../src/ports/ne-driver.port';
import { collectLeaves, GnmiWireEncoder, startGnmiServer } from '../simulators/gnmi';
import { BenchSimSource } from './gnmi-bench.source';
import { fromPlain, plainDefinition } from './gnmi-bench.plain';

interface Phase {
  readonly leaves: number;
  readonly wallS: number;
  readonly clientCpuS: number;
  readonly serverCpuS?: number;
}

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const cpuS = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;
const rate = (p: Phase) => ({
  leafUpdates: p.leaves,
  perWallSecond: Math.round(p.leaves / p.wallS),
  perClientCpuSecond: Math.round(p.leaves / p.clientCpuS),
  ...(p.serverCpuS ? { perServerCpuSecond: Math.round(p.leaves / p.serverCpuS) } : {}),
});

/** Codec only, one thread: the same 48-interface notification decoded over and over. */
function codecPhase(ifaces: number, seconds: number) {
  const source = new BenchSimSource(1, ifaces);
  const node = source.node('ne0')!;
  const updates = node.interfaces.flatMap((i) =>
    (
      [
        'in-octets',
        'out-octets',
        'in-pkts',
        'out-pkts',
        'in-errors',
        'out-errors',
        'in-discards',
        'out-discards',
        'in-fcs-errors',
      ] as const
    ).map((leaf) => ({
      path: [
        { name: 'interface', key: { name: i.name } },
        { name: 'state' },
        { name: 'counters' },
        { name: leaf },
      ],
      value: { t: 'uint' as const, v: i.inOctets },
    })),
  );
  const buf = new GnmiWireEncoder().subscribeResponse(
    { timestampNs: 1n, prefix: { target: 'ne0', elems: [{ name: 'interfaces' }] }, updates },
    'PROTO',
  );
  const deserialize = (plainDefinition()['gnmi.gNMI'] as grpc.ServiceDefinition)['Subscribe']!
    .responseDeserialize as (b: Buffer) => any;
  const decoder = new GnmiWireDecoder();
  const encoder = new GnmiWireEncoder();
  const out: TelemetrySample[] = [];
  const ne = nodeId('ne0');
  const run = (fn: () => void): number => {
    let n = 0;
    const c0 = process.cpuUsage();
    while (cpuS(process.cpuUsage(c0)) < seconds) for (let i = 0; i < 50; i++, n++) fn();
    return Math.round((n * updates.length) / cpuS(process.cpuUsage(c0)));
  };
  return {
    notificationBytes: buf.length,
    updatesPerNotification: updates.length,
    protoLoaderDecodeToObject: run(() => deserialize(buf)),
    protoLoaderToSamples: run(() => {
      out.length = 0;
      notificationToSamples(ne, fromPlain(deserialize(buf).update), out);
    }),
    serverCollectAndEncode: run(() => {
      const leaves = collectLeaves(source, node, [{ name: 'interfaces' }]).filter(
        (l) => l.kind === 'counter',
      );
      const ups = leaves.map((l) => ({ path: l.path.slice(1), value: l.value }));
      encoder.subscribeResponse(
        { timestampNs: 1n, prefix: { target: 'ne0', elems: [{ name: 'interfaces' }] }, updates: ups },
        'PROTO',
      );
    }),
    handWrittenDecoderToSamples: run(() => {
      out.length = 0;
      const r = decoder.decodeSubscribeResponse(buf);
      if (r.kind === 'update') notificationToSamples(ne, r.notification, out);
    }),
  };
}

class ServerProcess {
  private readonly child: ChildProcess;
  private pending: ((m: any) => void)[] = [];
  constructor(nes: number, ifaces: number) {
    this.child = fork(__filename, ['--server', '--nes', String(nes), '--ifaces', String(ifaces)]);
    this.child.on('message', (m) => this.pending.shift()?.(m));
  }
  next(): Promise<any> {
    return new Promise((resolve) => this.pending.push(resolve));
  }
  async cpu(): Promise<number> {
    const reply = this.next();
    this.child.send('cpu');
    return ((await reply) as { cpu: number }).cpu;
  }
  async stop(): Promise<{ dropped: number }> {
    const reply = this.next();
    this.child.send('stop');
    return (await reply) as { dropped: number };
  }
}

async function measure(server: ServerProcess, seconds: number, count: () => number): Promise<Phase> {
  await new Promise((r) => setTimeout(r, 1000));
  const [l0, c0, s0, t0] = [count(), process.cpuUsage(), await server.cpu(), Date.now()];
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const [l1, c1, s1, t1] = [count(), process.cpuUsage(c0), await server.cpu(), Date.now()];
  return { leaves: l1 - l0, wallS: (t1 - t0) / 1000, clientCpuS: cpuS(c1), serverCpuS: s1 - s0 };
}

const LEAVES: Record<string, number> = {
  'interface-counters': 9,
  'node-resources': 2,
  'oper-status': 1,
  probe: 3,
};

async function drivePhase(
  nes: number,
  ifaces: number,
  seconds: number,
  kind: 'plain' | 'driver',
): Promise<Phase & { dropped: number }> {
  const server = new ServerProcess(nes, ifaces);
  const { port } = (await server.next()) as { port: number };
  const targets: NodeId[] = Array.from({ length: nes }, (_, i) => nodeId(`ne${i}`));
  let leaves = 0;
  let stop: () => Promise<void>;
  if (kind === 'driver') {
    const driver = new GnmiNeDriver({ address: `127.0.0.1:${port}`, targets });
    await driver.subscribe(targets, (s) => void (leaves += LEAVES[s.kind]!), { sampleIntervalMs: 1 });
    stop = () => driver.close();
  } else {
    const pkg = grpc.loadPackageDefinition(plainDefinition()) as any;
    const client = new pkg.gnmi.gNMI(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const out: TelemetrySample[] = [];
    const calls = targets.map((t) => {
      const call = client.Subscribe();
      call.on('data', (m: any) => {
        if (m.response !== 'update') return;
        out.length = 0;
        notificationToSamples(t, fromPlain(m.update), out);
        for (const s of out) leaves += LEAVES[s.kind]!;
      });
      call.on('error', () => undefined);
      const counters = {
        elem: [
          { name: 'interfaces' },
          { name: 'interface', key: { name: '*' } },
          { name: 'state' },
          { name: 'counters' },
        ],
      };
      call.write({
        subscribe: {
          prefix: { target: t },
          encoding: 'PROTO',
          subscription: [
            { path: counters, mode: 'SAMPLE', sample_interval: '1000000' },
            {
              path: { elem: [{ name: 'system' }, { name: 'state' }] },
              mode: 'SAMPLE',
              sample_interval: '1000000',
            },
          ],
        },
      });
      return call;
    });
    stop = () => {
      for (const c of calls) c.cancel();
      client.close();
      return Promise.resolve();
    };
  }
  const phase = await measure(server, seconds, () => leaves);
  await stop();
  const { dropped } = await server.stop();
  return { ...phase, dropped };
}

async function serverMain(): Promise<void> {
  const nes = arg('nes', 20);
  const source = new BenchSimSource(nes, arg('ifaces', 48));
  const server = await startGnmiServer(source, { port: 0, queueLimit: 256 });
  let running = true;
  // Tick as fast as the subscribers drain: flow control, not a timer, sets the pace.
  const loop = (): void => {
    if (!running) return;
    const { sessions, queued } = server.stats();
    if (sessions === 0 || queued >= nes * 4) return void setTimeout(loop, 1);
    source.tick();
    setImmediate(loop);
  };
  loop();
  process.on('message', (m) => {
    if (m === 'cpu') process.send!({ cpu: cpuS(process.cpuUsage()) });
    if (m === 'stop') {
      running = false;
      const { dropped } = server.stats();
      void server.close().then(() => process.send!({ dropped }, () => process.exit(0)));
    }
  });
  process.send!({ port: server.port });
}

export async function runGnmiBench(): Promise<object> {
  const nes = arg('nes', 20);
  const ifaces = arg('ifaces', 48);
  const seconds = arg('seconds', 4);
  const only = process.argv.includes('--driver-only');
  const codec = only ? undefined : codecPhase(ifaces, Math.min(2, seconds / 2));
  const plain = only ? undefined : await drivePhase(nes, ifaces, seconds, 'plain');
  const driver = await drivePhase(nes, ifaces, seconds, 'driver');
  return {
    bench: 'gnmi',
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    loadavg: (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100),
    setup: {
      nes,
      interfacesPerNe: ifaces,
      leavesPerInterface: 9,
      measuredSeconds: seconds,
      batching: 'one Notification per NE per sample (432 updates)',
    },
    codecSingleThreadLeavesPerCpuSecond: codec,
    endToEnd: {
      protoLoaderClient: plain && { ...rate(plain), droppedByServer: plain.dropped },
      gnmiNeDriver: { ...rate(driver), droppedByServer: driver.dropped },
    },
    baselineFromResearch: { protoLoaderLeavesPerSecond: 370_000, goalPerCore: 1_000_000 },
  };
}

if (require.main === module) {
  if (process.argv.includes('--server')) void serverMain();
  else void runGnmiBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
