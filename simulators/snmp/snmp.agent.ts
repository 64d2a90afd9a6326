/**
 * The simulator's SNMP front end: one UDP agent (net-snmp) that answers for every NE of a SimSource.
 * - SNMPv2c: the community string is the NE id. SNMPv3 (USM, authPriv SHA/AES): the context name is the NE id.
 *   Default v3 user: DEFAULT_V3_USER (name `autonet`, auth key `autonet-auth-key`, priv key `autonet-priv-key`).
 *   Requests for an unknown NE, an NE that is down or one silenced by a telemetry-gap fault get no answer,
 *   as from a real unreachable agent.
 * - IF-MIB ifTable/ifXTable and sysDescr/sysUpTime/sysName/ifNumber, served live from the SimSource.
 * - linkDown/linkUp traps to `trapTarget` on every oper-status change.
 */
import dgram, { type Socket, type SocketType } from 'node:dgram';
import type { SimInterfaceState, SimSource } from '../sim-source';
import { bulkVarbinds } from './get-bulk';
import { sysUpTimeTicks, type NeView } from './if-mib';
import { MibShapes } from './mib-shapes';
import {
  netSnmp,
  type Agent,
  type AgentMessage,
  type AgentRequestMethod,
  type DgramModule,
} from './net-snmp.facade';
import { TrapSender, type TrapTarget } from './trap.sender';

export interface SnmpV3UserOptions {
  readonly name: string;
  readonly authKey: string;
  readonly privKey: string;
}

export interface SnmpAgentOptions {
  /** UDP port; 0 picks a free one (returned in the handle). */
  readonly port: number;
  readonly host?: string;
  readonly trapTarget?: TrapTarget;
  /** SNMPv3 users (authPriv, SHA + AES-128); defaults to [DEFAULT_V3_USER]. */
  readonly v3Users?: readonly SnmpV3UserOptions[];
  /** SNMPv3 authoritative engine id (hex); a fixed Autonet id by default. */
  readonly engineId?: string;
}

export interface SnmpAgentStats {
  readonly answered: number;
  /** Requests for unknown, down or silenced NEs, and messages the agent rejected (bad community, user, key). */
  readonly dropped: number;
  readonly trapsSent: number;
  readonly mibShapes: number;
}

export interface SnmpAgentHandle {
  readonly port: number;
  stats(): SnmpAgentStats;
  close(): Promise<void>;
}

export const DEFAULT_V3_USER: SnmpV3UserOptions = {
  name: 'autonet',
  authKey: 'autonet-auth-key',
  privKey: 'autonet-priv-key',
};

const DEFAULT_ENGINE_ID = '8000B98380' + Buffer.from('autonet-sim').toString('hex');

export async function startSnmpAgent(source: SimSource, options: SnmpAgentOptions): Promise<SnmpAgentHandle> {
  const host = options.host ?? '127.0.0.1';
  const boot = new BootTimes(source);
  let current: NeView | undefined;
  const shapes = new MibShapes(() => current);
  const counts = { answered: 0, dropped: 0 };

  const { dgramModule, listening } = bindTo(host, options.port);
  const agent = netSnmp.createAgent(
    {
      port: options.port || 161, // the real port is applied by bindTo (net-snmp turns 0 into 161)
      address: host,
      transport: host.includes(':') ? 'udp6' : 'udp4',
      engineID: options.engineId ?? DEFAULT_ENGINE_ID,
      dgramModule,
    },
    (error) => {
      if (error) counts.dropped++;
    },
  );
  authorize(agent, source, options.v3Users ?? [DEFAULT_V3_USER]);
  const port = await listening.catch((error: unknown) => {
    try {
      agent.close();
    } catch {
      // the socket never bound: nothing to close
    }
    throw error;
  });

  const serve = (method: AgentRequestMethod): AgentRequestMethod =>
    function (this: Agent, socket, message, rinfo) {
      const ne = message.version === netSnmp.Version3 ? message.pdu.contextName : message.community;
      const view = ne ? boot.view(ne) : undefined;
      if (!view) {
        counts.dropped++;
        return;
      }
      current = view;
      this.mib = shapes.forView(view);
      try {
        method.call(this, socket, message, rinfo);
        counts.answered++;
      } finally {
        current = undefined;
      }
    };
  const base = Object.getPrototypeOf(agent) as Agent;
  agent.getRequest = serve(base.getRequest);
  agent.setRequest = serve(base.setRequest);
  agent.getNextRequest = serve(base.getNextRequest);
  agent.getBulkRequest = serve(function (this: Agent, socket, message, rinfo) {
    message.pdu.varbinds = bulkVarbinds(this, message);
    this.request(socket, message, rinfo);
  });
  // net-snmp hands every v3 request with a context name to its proxy forwarder; here a context is an NE.
  agent.onProxyRequest = function (this: Agent, socket, message, rinfo) {
    dispatch(this, message)?.call(this, socket, message, rinfo);
  };

  const traps = options.trapTarget ? new TrapSender(options.trapTarget) : undefined;
  const unsubscribe = traps
    ? source.onOperStatus((ne, ifName, up, nowMs) => {
        const node = source.node(ne);
        const itf = node?.interfaces.find((i) => i.name === ifName);
        if (!node?.up || !itf || source.telemetrySilent?.(ne)) return; // a down NE sends nothing
        const upTimeTicks = sysUpTimeTicks({ bootMs: boot.bootMs(ne), nowMs });
        traps.send({ ne, up, ifIndex: itf.ifIndex, ifName, adminUp: itf.adminUp, upTimeTicks });
      })
    : () => undefined;

  return {
    port,
    stats: () => ({ ...counts, trapsSent: traps?.sent ?? 0, mibShapes: shapes.size }),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        traps?.close();
        agent.close(() => resolve());
      }),
  };
}

function dispatch(agent: Agent, message: AgentMessage): AgentRequestMethod | undefined {
  const P = netSnmp.PduType;
  switch (message.pdu.type) {
    case P.GetRequest:
      return agent.getRequest;
    case P.GetNextRequest:
      return agent.getNextRequest;
    case P.GetBulkRequest:
      return agent.getBulkRequest;
    case P.SetRequest:
      return agent.setRequest;
    default:
      return undefined;
  }
}

function authorize(agent: Agent, source: SimSource, users: readonly SnmpV3UserOptions[]): void {
  const authorizer = agent.getAuthorizer();
  for (const ne of source.nodeIds()) authorizer.addCommunity(ne);
  for (const u of users) {
    authorizer.addUser({
      name: u.name,
      level: netSnmp.SecurityLevel.authPriv,
      authProtocol: netSnmp.AuthProtocols.sha,
      authKey: u.authKey,
      privProtocol: netSnmp.PrivProtocols.aes,
      privKey: u.privKey,
    });
  }
}

/** A dgram module whose sockets bind to `host:port` (0 = ephemeral) and report when they listen. */
function bindTo(host: string, port: number): { dgramModule: DgramModule; listening: Promise<number> } {
  let settle: { resolve: (port: number) => void; reject: (e: Error) => void } | undefined;
  const listening = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  const dgramModule: DgramModule = {
    createSocket(type: SocketType): Socket {
      const socket = dgram.createSocket(type);
      const bind = socket.bind.bind(socket) as (port: number, address: string) => Socket;
      Object.assign(socket, { bind: () => bind(port, host) });
      const onError = (e: Error) => settle?.reject(e);
      socket.once('error', onError);
      socket.once('listening', () => {
        socket.off('error', onError);
        settle?.resolve(socket.address().port);
      });
      return socket;
    },
  };
  return { dgramModule, listening };
}

/**
 * sysUpTime per NE: time since the agent started, or since the NE came back up (a reboot resets sysUpTime,
 * which is how a poller knows its counters may have restarted). Reboots are noticed when a request or trap
 * finds the node up after it was seen down.
 */
class BootTimes {
  private readonly start: number;
  private readonly boots = new Map<string, number>();
  private readonly seenDown = new Set<string>();

  constructor(private readonly source: SimSource) {
    this.start = source.nowMs();
  }

  bootMs(ne: string): number {
    return this.boots.get(ne) ?? this.start;
  }

  view(ne: string): NeView | undefined {
    const node = this.source.node(ne);
    if (!node) return undefined;
    const nowMs = this.source.nowMs();
    if (!node.up) {
      this.seenDown.add(ne);
      return undefined;
    }
    if (this.seenDown.delete(ne)) this.boots.set(ne, nowMs);
    if (this.source.telemetrySilent?.(ne)) return undefined;
    const byIndex = new Map<number, SimInterfaceState>(node.interfaces.map((i) => [i.ifIndex, i]));
    return { ne, node, byIndex, bootMs: this.bootMs(ne), nowMs };
  }
}
