/**
 * SNMP capacity, in one run (`node dist/bench/snmp.bench.js [nes] [interfaces] [seconds]`, defaults 1000 48 5):
 * 1. agent: the simulator's SNMP agent (its own process, `nes` × `interfaces`, shared MIB shapes + live
 *    handlers) walked as fast as 16 concurrent net-snmp clients can (full ifTable+ifXTable poll of one NE per
 *    walk): NE walks/s, interfaces/s, varbinds/s and per agent CPU-second, agent RSS.
 * 2. driver: SnmpNeDriver subscribed to every NE at 1 s: polls/s and samples/s it achieves against that
 *    agent, and the driver's CPU per poll.
 * 3. the rejected alternative (docs/adr/0060): one MIB per NE with rows refreshed on every tick: heap for all
 *    NEs and the time one refresh of every counter cell takes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nodeId } from '../src/core/model/ids';
import { SnmpNeDriver } from '../src/adapters/drivers/snmp';
import { pollInterfaces } from '../src/adapters/drivers/snmp/if-table.poller';
import { netSnmp as client, type ClientSession } from '../src/adapters/drivers/snmp/net-snmp.facade';
import { IF_TABLE_COLUMNS, IF_X_TABLE_COLUMNS } from '../simulators/snmp/if-mib';
import { netSnmp as agentApi } from '../simulators/snmp/net-snmp.facade';
import { startSnmpAgent } from '../simulators/snmp';
import { BenchSimSource } from './snmp-bench.source';
import { writeResult } from './bench-util';

interface AgentReport {
  port: number;
  rssMb: number;
  heapMb: number;
  startMs: number;
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);

/** Child process: the agent alone on its core. */
async function agentChild(nes: number, interfaces: number): Promise<void> {
  const t0 = performance.now();
  const handle = await startSnmpAgent(new BenchSimSource(nes, interfaces), { port: 0 });
  const report = (): AgentReport & ReturnType<typeof handle.stats> => ({
    port: handle.port,
    rssMb: mb(process.memoryUsage().rss),
    heapMb: mb(process.memoryUsage().heapUsed),
    startMs: Math.round(performance.now() - t0),
    ...handle.stats(),
  });
  process.send?.(report());
  process.on('message', (m) => {
    if (m === 'report') process.send?.(report());
    if (m === 'stop') void handle.close().then(() => process.exit(0));
  });
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
}

async function agentCapacity(pid: number, port: number, nes: number, seconds: number) {
  const sessions = new Map<number, ClientSession>();
  const session = (n: number): ClientSession => {
    let s = sessions.get(n);
    if (!s) {
      s = client.createSession('127.0.0.1', `ne${n + 1}`, {
        port,
        retries: 0,
        timeout: 5000,
        transport: 'udp4',
      });
      sessions.set(n, s);
    }
    return s;
  };
  let walks = 0;
  let rows = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const poll = await pollInterfaces(session(next++ % nes), 10);
      walks++;
      rows += poll.rows.size;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const wallS = (performance.now() - t0) / 1000;
  const agentCpuS = cpuSeconds(pid) - cpu0;
  for (const s of sessions.values()) s.close();
  const varbinds = rows * 16 + walks; // 16 columns per interface row + sysUpTime
  return {
    walksPerS: Math.round(walks / wallS),
    interfacesPerS: Math.round(rows / wallS),
    varbindsPerS: Math.round(varbinds / wallS),
    varbindsPerAgentCpuS: Math.round(varbinds / agentCpuS),
    agentCpuPct: Math.round((agentCpuS / wallS) * 100),
  };
}

async function driverThroughput(port: number, nes: number, seconds: number) {
  const targets = Array.from({ length: nes }, (_, n) => ({
    ne: nodeId(`ne${n + 1}`),
    host: '127.0.0.1',
    port,
  }));
  const driver = await SnmpNeDriver.create({ targets, timeoutMs: 5000, retries: 0 });
  let samples = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sub = (await driver.subscribe(
    targets.map((t) => t.ne),
    () => samples++,
    { sampleIntervalMs: 1000 },
  )) as unknown as { polls: number; overruns: number; close(): Promise<void> };
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const { polls, overruns } = sub;
  await sub.close();
  await driver.close();
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return {
    nes,
    sampleIntervalMs: 1000,
    pollsPerS: Math.round(polls / wallS),
    samplesPerS: Math.round(samples / wallS),
    overruns,
    driverCpuPct: Math.round((cpuS / wallS) * 100),
    driverCpuUsPerPoll: polls ? Math.round((cpuS * 1e6) / polls) : null,
  };
}

/** The rejected design: a full MIB per NE, every counter cell rewritten on each simulation tick. */
function perNeMibAlternative(nes: number, interfaces: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const T = agentApi.ObjectType;
  const column = (c: { number: number; name: string; type: number }) => ({ ...c, maxAccess: 2 });
  const mibs = Array.from({ length: nes }, () => {
    const mib = agentApi.createMib();
    const table = (name: string, oid: string, cols: typeof IF_TABLE_COLUMNS) => ({
      name,
      oid,
      type: agentApi.MibProviderType.Table,
      maxAccess: 0,
      tableColumns: cols.map(column),
    });
    mib.registerProvider({
      ...table('ifTable', '1.3.6.1.2.1.2.2.1', IF_TABLE_COLUMNS),
      tableIndex: [{ columnName: 'ifIndex' }],
    });
    mib.registerProvider({
      ...table('ifXTable', '1.3.6.1.2.1.31.1.1.1', IF_X_TABLE_COLUMNS),
      tableAugments: 'ifTable',
    });
    const cell = (type: number) =>
      type === T.Counter64 ? Buffer.alloc(8) : type === T.OctetString ? 'eth' : 0;
    for (let k = 1; k <= interfaces; k++) {
      mib.addTableRow(
        'ifTable',
        IF_TABLE_COLUMNS.map((c) => (c.number === 1 ? k : cell(c.type))),
      );
      mib.addTableRow('ifXTable', [k, ...IF_X_TABLE_COLUMNS.map((c) => cell(c.type))]);
    }
    return mib as typeof mib & {
      setTableSingleCell(t: string, col: number, row: number[], v: unknown): void;
    };
  });
  const buildMs = performance.now() - t0;
  gc?.();
  const heapMb = mb(process.memoryUsage().heapUsed - heap0);
  const counters = IF_TABLE_COLUMNS.filter((c) => c.type === T.Counter).map((c) => c.number);
  const hc = IF_X_TABLE_COLUMNS.filter((c) => c.type === T.Counter64).map((c) => c.number);
  const t1 = performance.now();
  for (const mib of mibs) {
    for (let k = 1; k <= interfaces; k++) {
      for (const c of counters) mib.setTableSingleCell('ifTable', c, [k], k);
      for (const c of hc) mib.setTableSingleCell('ifXTable', c, [k], Buffer.alloc(8));
    }
  }
  return {
    nes,
    interfaces,
    buildMs: Math.round(buildMs),
    heapMb,
    refreshAllCountersMs: Math.round(performance.now() - t1),
  };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'agent') return agentChild(Number(process.argv[3]), Number(process.argv[4]));
  const [nes, interfaces, seconds] = [1000, 48, 5].map((d, i) => Number(process.argv[2 + i] ?? d)) as [
    number,
    number,
    number,
  ];
  const child = fork(__filename, ['agent', String(nes), String(interfaces)], { stdio: 'inherit' });
  try {
    const started = await nextMessage<AgentReport>(child);
    const agent = await agentCapacity(child.pid ?? 0, started.port, nes, seconds);
    const driver = await driverThroughput(started.port, nes, seconds);
    child.send('report');
    const after = await nextMessage<AgentReport & { mibShapes: number; answered: number }>(child);
    writeResult('snmp', {
      setup: { nes, interfaces, seconds, clientConcurrency: 16, maxRepetitions: 10 },
      agentProcess: {
        startMs: started.startMs,
        rssMbAtStart: started.rssMb,
        rssMbAfter: after.rssMb,
        mibShapes: after.mibShapes,
      },
      agent: { ...agent, neInterfacesPerSecondAt1sSampling: agent.interfacesPerS },
      driver,
      rejectedPerNeMibRefreshOnTick: perNeMibAlternative(nes, interfaces),
    });
  } finally {
    child.send('stop');
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
