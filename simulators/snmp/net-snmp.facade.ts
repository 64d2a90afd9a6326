/**
 * Typed view of the parts of the `net-snmp` package (untyped JavaScript) that the simulated agent uses.
 * Loaded with createRequire so the rest of the code stays typed; only what is declared here may be used.
 */
import { createRequire } from 'node:module';
import type { Socket, SocketType } from 'node:dgram';

export interface SnmpVarbind {
  oid: string;
  type: number;
  value: unknown;
}

export interface MibNode {
  readonly oid: string;
  readonly address: readonly number[];
  value: unknown;
}

export interface MibRequest {
  readonly address: readonly number[];
  readonly operation: number;
  readonly instanceNode: MibNode;
  done(error?: { errorStatus: number; type?: number; value?: unknown }): void;
}

export interface ScalarProvider {
  name: string;
  type: number;
  oid: string;
  scalarType: number;
  maxAccess: number;
  handler?: (request: MibRequest) => void;
}

export interface TableColumnDefinition {
  number: number;
  name: string;
  type: number;
  maxAccess: number;
}

export interface TableProvider {
  name: string;
  type: number;
  oid: string;
  maxAccess: number;
  tableColumns: TableColumnDefinition[];
  tableIndex?: { columnName: string }[];
  tableAugments?: string;
  handler?: (request: MibRequest) => void;
}

export interface Mib {
  registerProvider(provider: ScalarProvider | TableProvider): void;
  setScalarValue(name: string, value: unknown): void;
  addTableRow(name: string, row: unknown[]): void;
  getTableRowCells(name: string, rowIndex: unknown): unknown[] | null;
}

/** An incoming request message as the agent passes it to its request methods (internal shape). */
export interface AgentMessage {
  readonly version: number;
  readonly community?: string;
  readonly pdu: {
    readonly type: number;
    readonly contextName?: string;
    readonly nonRepeaters?: number;
    readonly maxRepetitions?: number;
    varbinds: { oid: string; type?: number; value?: unknown; previousOid?: string }[];
  };
}

export type AgentRequestMethod = (socket: unknown, message: AgentMessage, rinfo: unknown) => void;

export interface Agent {
  getAuthorizer(): {
    addCommunity(community: string): void;
    addUser(user: V3User): void;
  };
  mib: Mib;
  getRequest: AgentRequestMethod;
  setRequest: AgentRequestMethod;
  getNextRequest: AgentRequestMethod;
  getBulkRequest: AgentRequestMethod;
  onProxyRequest: AgentRequestMethod;
  request: AgentRequestMethod;
  addGetNextVarbind(target: SnmpVarbind[], startOid: string): MibNode | null | undefined;
  close(callback?: () => void): void;
}

export interface V3User {
  name: string;
  level: number;
  authProtocol: number;
  authKey: string;
  privProtocol: number;
  privKey: string;
}

export interface TrapSession {
  trap(
    oid: string,
    varbinds: SnmpVarbind[],
    options: { upTime: number },
    callback: (error: Error | null) => void,
  ): void;
  close(): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

export interface DgramModule {
  createSocket(type: SocketType): Socket;
}

export interface NetSnmpAgentApi {
  createAgent(
    options: {
      port: number;
      address: string;
      transport: string;
      engineID: string;
      dgramModule: DgramModule;
    },
    callback: (error: Error | null) => void,
    mib?: Mib,
  ): Agent;
  createMib(): Mib;
  createSession(
    target: string,
    community: string,
    options: { port: number; trapPort: number; version: number; transport: string },
  ): TrapSession;
  readonly ObjectType: Record<
    | 'Integer'
    | 'OctetString'
    | 'Null'
    | 'OID'
    | 'Gauge'
    | 'Counter'
    | 'TimeTicks'
    | 'Counter64'
    | 'EndOfMibView'
    | 'NoSuchObject',
    number
  >;
  readonly PduType: Record<'GetRequest' | 'GetNextRequest' | 'GetBulkRequest' | 'SetRequest', number>;
  readonly MibProviderType: Record<'Scalar' | 'Table', number>;
  readonly MaxAccess: Record<'not-accessible' | 'read-only', number>;
  readonly SecurityLevel: Record<'authPriv', number>;
  readonly AuthProtocols: Record<'sha', number>;
  readonly PrivProtocols: Record<'aes', number>;
  readonly Version2c: number;
  readonly Version3: number;
}

export const netSnmp = createRequire(__filename)('net-snmp') as NetSnmpAgentApi;
