import type { TopologyGraph } from '../../src/core/topology';
import type { Demand } from '../../src/core/model/topology';
import { startAdminServer } from '../admin';
import { SimClock, SimEngine } from '../engine';
import { startGnmiServer } from '../gnmi';
import { startSnmpAgent } from '../snmp/snmp.agent';

export interface SimulatorOptions {
  readonly topology: TopologyGraph;
  readonly demands?: readonly Demand[];
  readonly seed: number;
  readonly tickMs: number;
  readonly speed: number;
  readonly legacyShare: number;
  /** Probe packets per second per SR policy (default 1,000). */
  readonly probeRatePps?: number;
  readonly startMs: number;
  readonly host?: string;
  /** Ports of the front ends; a front end is started only when its port is given (0 = any free port). */
  readonly gnmiPort?: number;
  readonly snmpPort?: number;
  readonly adminPort?: number;
  readonly trapTarget?: { readonly host: string; readonly port: number };
}

export interface SimulatorHandle {
  readonly engine: SimEngine;
  readonly ports: { readonly gnmi?: number; readonly snmp?: number; readonly admin?: number };
  stop(): Promise<void>;
}

/** Builds the engine, starts its clock and the front ends that have ports; stop() closes everything. */
export async function startSimulator(o: SimulatorOptions): Promise<SimulatorHandle> {
  const engine = new SimEngine({
    topology: o.topology,
    seed: o.seed,
    tickMs: o.tickMs,
    startMs: o.startMs,
    legacyShare: o.legacyShare,
    ...(o.probeRatePps !== undefined && { probeRatePps: o.probeRatePps }),
    ...(o.demands && { demands: o.demands }),
  });
  const host = o.host ?? '127.0.0.1';
  const closers: (() => Promise<void>)[] = [];
  const ports: { gnmi?: number; snmp?: number; admin?: number } = {};
  try {
    if (o.adminPort !== undefined) {
      const h = await startAdminServer(engine, { port: o.adminPort, host });
      closers.push(() => h.close());
      ports.admin = h.port;
    }
    if (o.gnmiPort !== undefined) {
      const h = await startGnmiServer(engine, { port: o.gnmiPort, host });
      closers.push(() => h.close());
      ports.gnmi = h.port;
    }
    if (o.snmpPort !== undefined) {
      const h = await startSnmpAgent(engine, {
        port: o.snmpPort,
        host,
        ...(o.trapTarget && { trapTarget: o.trapTarget }),
      });
      closers.push(() => h.close());
      ports.snmp = h.port;
    }
  } catch (err) {
    await Promise.allSettled(closers.map((c) => c()));
    throw err;
  }
  const clock = new SimClock(engine, { speed: o.speed });
  clock.start();
  let stopped = false;
  return {
    engine,
    ports,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clock.stop();
      await Promise.allSettled(closers.reverse().map((c) => c()));
    },
  };
}
