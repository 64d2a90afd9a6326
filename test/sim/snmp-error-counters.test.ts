/**
 * Interface error and discard counters of the simulated network over SNMP, end to end: SimEngine → its SNMP
 * agent (IF-MIB ifInErrors, ifOutDiscards) → the controller's SNMP driver → TelemetrySample. A CRC fault
 * raises in-errors on the receiving interface; congestion raises out-discards on the sending one.
 */
import { SnmpNeDriver } from '../../src/adapters/drivers/snmp';
import { nodeId } from '../../src/core/model/ids';
import type { TelemetrySample } from '../../src/ports/ne-driver.port';
import { SimEngine } from '../../simulators/engine';
import { diamond } from '../../simulators/engine/sim.fixtures';
import { startSnmpAgent, type SnmpAgentHandle } from '../../simulators/snmp';

type Counters = Extract<TelemetrySample, { kind: 'interface-counters' }>;

describe('error and discard counters over SNMP', () => {
  let engine: SimEngine;
  let agent: SnmpAgentHandle;
  let driver: SnmpNeDriver;
  let timer: NodeJS.Timeout;

  beforeAll(async () => {
    engine = new SimEngine({ topology: diamond([{ from: 'A', to: 'E', mbps: 300 }]), seed: 5 });
    timer = setInterval(() => engine.step(), 10);
    agent = await startSnmpAgent(engine, { port: 0 });
    driver = await SnmpNeDriver.create({
      targets: ['A', 'D'].map((ne) => ({ ne: nodeId(ne), host: '127.0.0.1', port: agent.port })),
      timeoutMs: 500,
      retries: 1,
    });
  });
  afterAll(async () => {
    await driver.close();
    await agent.close();
    clearInterval(timer);
  });

  it('a CRC fault raises ifInErrors at the receiver, congestion raises ifOutDiscards at the sender', async () => {
    const ifOf = (ne: string, link: string) =>
      engine.node(ne)!.interfaces.find((i) => i.linkId === link)!.name;
    const dFromB = ifOf('D', 'BD');
    const aToB = ifOf('A', 'AB');
    engine.addFault({ type: 'crc', target: 'BD', params: { rate: 0.02 } });
    engine.addFault({ type: 'congestion', target: 'AB#ab', params: { factor: 10 } });
    const last = new Map<string, Counters>();
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const sub = await driver.subscribe(
      [nodeId('A'), nodeId('D')],
      (s) => {
        if (s.kind !== 'interface-counters') return;
        last.set(`${s.ne}/${s.interface}`, s);
        const rx = last.get(`D/${dFromB}`);
        const tx = last.get(`A/${aToB}`);
        if ((rx?.inErrors ?? 0n) > 0n && (tx?.outDiscards ?? 0n) > 0n) resolve();
      },
      { sampleIntervalMs: 200 },
    );
    const timeout = setTimeout(resolve, 20_000);
    await done;
    clearTimeout(timeout);
    await sub.close();
    expect(last.get(`D/${dFromB}`)?.inErrors).toBeGreaterThan(0n);
    expect(last.get(`A/${aToB}`)?.outDiscards).toBeGreaterThan(0n);
    // Errors are counted where the bad frames arrive, discards where the queue overflows: not elsewhere.
    expect(last.get(`A/${aToB}`)?.inErrors ?? 0n).toBe(0n);
  });
});
