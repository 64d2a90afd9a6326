import { createSocket } from 'node:dgram';
import type { NodeId } from '../../core/model/ids';
import type { SidTable, TopologyGraph } from '../../core/topology';
import type { NeDriver } from '../../ports/ne-driver.port';
import { CompositeNeDriver } from '../drivers/composite/composite.driver';
import { GnmiNeDriver, gnmiChannelCredentials } from '../drivers/gnmi';
import type { GnmiTlsOptions, GnmiUserCredentials } from '../drivers/gnmi';
import type { SnmpV3Credentials } from '../drivers/snmp';
import { MemoryNeDriver } from '../drivers/memory';
import { SnmpNeDriver } from '../drivers/snmp';
import { startEmbeddedSimulator } from './embedded-simulator';

/**
 * Which network the controller drives, and how it reaches it:
 * - `sim`: the embedded default — the simulator as a child process, reached over gNMI (modern NEs) and
 *   SNMP (legacy NEs), exactly as a real network would be;
 * - `gnmi`: a real network or gNMI proxy at `gnmi`, with legacy NEs polled over SNMP at `snmp`;
 * - `memory`: an in-process network that only stores policies (tests, demos without telemetry).
 */
export type NetworkSpec =
  | {
      readonly kind: 'sim';
      readonly topologyFile: string;
      readonly seed?: number;
      readonly speed?: number;
      readonly legacyShare?: number;
      readonly adminPort?: number;
    }
  | {
      readonly kind: 'gnmi';
      readonly gnmi: string;
      readonly snmp?: string;
      readonly legacy?: readonly string[];
      /** TLS to the gNMI server (`undefined`: plaintext, a lab proxy) and the gNMI user. */
      readonly gnmiTls?: GnmiTlsOptions;
      readonly gnmiUser?: GnmiUserCredentials;
      /** SNMPv3 authPriv credentials of the legacy NEs (the context name is set per NE); else v2c. */
      readonly snmpV3?: Omit<SnmpV3Credentials, 'context'>;
      readonly snmpCommunity?: string;
    }
  | { readonly kind: 'memory'; readonly latencyMs?: number };

export interface RunningNetwork {
  readonly driver: NeDriver;
  /** What to tell the operator (ports, which NEs are legacy). */
  readonly description: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startNetwork(
  spec: NetworkSpec,
  topology: TopologyGraph,
  sids: SidTable,
): Promise<RunningNetwork> {
  const all = [...topology.nodes()].map((n) => n.id);
  switch (spec.kind) {
    case 'memory': {
      const driver = new MemoryNeDriver(topology, sids, { latencyMs: spec.latencyMs ?? 0 });
      return { driver, description: { network: 'memory' }, stop: () => Promise.resolve() };
    }
    case 'gnmi': {
      const legacy = new Set(spec.legacy ?? []);
      const snmp = spec.snmp ? splitHostPort(spec.snmp, '--snmp') : undefined;
      const credentials = gnmiChannelCredentials(spec.gnmiTls, spec.gnmiUser);
      const snmpAuth = {
        ...(spec.snmpV3 && { v3: spec.snmpV3 }),
        ...(spec.snmpCommunity && { community: spec.snmpCommunity }),
      };
      const driver = await combine(spec.gnmi, all, legacy, snmp && { ...snmp, ...snmpAuth }, credentials);
      return {
        driver,
        description: {
          network: 'gnmi',
          gnmi: spec.gnmi,
          gnmiTls: spec.gnmiTls !== undefined,
          snmp: spec.snmp,
          snmpSecurity: spec.snmpV3 ? 'v3-authPriv' : 'v2c',
        },
        stop: () => driver.close(),
      };
    }
    case 'sim': {
      const trapPort = await freeUdpPort();
      const sim = await startEmbeddedSimulator({
        topologyFile: spec.topologyFile,
        trapTarget: `127.0.0.1:${trapPort}`,
        ...(spec.seed !== undefined && { seed: spec.seed }),
        ...(spec.speed !== undefined && { speed: spec.speed }),
        ...(spec.legacyShare !== undefined && { legacyShare: spec.legacyShare }),
        ...(spec.adminPort !== undefined && { adminPort: spec.adminPort }),
      });
      try {
        const snmp = { host: '127.0.0.1', port: sim.snmpPort, trapPort };
        const driver = await combine(sim.gnmiAddress, all, new Set(sim.legacy), snmp);
        return {
          driver,
          description: {
            network: 'sim',
            simulatorPid: sim.pid,
            gnmi: sim.gnmiAddress,
            snmpPort: sim.snmpPort,
            admin: sim.adminUrl,
            legacy: sim.legacy,
          },
          stop: async () => {
            await driver.close();
            await sim.stop();
          },
        };
      } catch (err) {
        await sim.stop();
        throw err;
      }
    }
  }
}

async function combine(
  gnmiAddress: string,
  all: readonly NodeId[],
  legacy: ReadonlySet<string>,
  snmp:
    | {
        host: string;
        port: number;
        trapPort?: number;
        v3?: Omit<SnmpV3Credentials, 'context'>;
        community?: string;
      }
    | undefined,
  credentials?: ReturnType<typeof gnmiChannelCredentials>,
): Promise<NeDriver> {
  const modern = all.filter((n) => !legacy.has(n));
  const drivers: NeDriver[] = [
    new GnmiNeDriver({ address: gnmiAddress, targets: modern, ...(credentials && { credentials }) }),
  ];
  const old = all.filter((n) => legacy.has(n));
  if (snmp && old.length > 0) {
    drivers.push(
      await SnmpNeDriver.create({
        targets: old.map((ne) => ({
          ne,
          host: snmp.host,
          port: snmp.port,
          // v3 authPriv selects the NE by context name (as a multi-NE agent or proxy does)
          ...(snmp.v3 && { v3: { ...snmp.v3, context: ne } }),
          ...(snmp.community !== undefined && { community: snmp.community }),
        })),
        ...(snmp.trapPort !== undefined && { trapListener: { host: '127.0.0.1', port: snmp.trapPort } }),
      }),
    );
  }
  return drivers.length === 1 ? drivers[0]! : new CompositeNeDriver(drivers);
}

function splitHostPort(s: string, option: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(s);
  if (!m || !m[1]) throw new Error(`${option}: expected host:port, got '${s}'`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** A UDP port free on loopback now (for the trap receiver the simulator must know before it starts). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
