/**
 * Typed view of the parts of the `net-snmp` package (untyped JavaScript) that the SNMP driver uses as a
 * command generator. Loaded with createRequire so the rest of the driver stays typed.
 */
import { createRequire } from 'node:module';

export interface ClientVarbind {
  readonly oid: string;
  readonly type: number;
  readonly value: unknown;
}

export interface ClientSession {
  get(oids: string[], callback: (error: Error | null, varbinds?: ClientVarbind[]) => void): void;
  getBulk(
    oids: string[],
    nonRepeaters: number,
    maxRepetitions: number,
    callback: (error: Error | null, varbinds?: (ClientVarbind | ClientVarbind[])[]) => void,
  ): void;
  close(): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

export interface SessionOptions {
  port: number;
  retries: number;
  timeout: number;
  transport: 'udp4' | 'udp6';
  version?: number;
  context?: string;
}

export interface ClientV3User {
  name: string;
  level: number;
  authProtocol: number;
  authKey: string;
  privProtocol: number;
  privKey: string;
}

export interface NetSnmpClientApi {
  createSession(target: string, community: string, options: SessionOptions): ClientSession;
  createV3Session(target: string, user: ClientV3User, options: SessionOptions): ClientSession;
  isVarbindError(varbind: ClientVarbind): boolean;
  readonly ObjectType: Record<'Counter64' | 'EndOfMibView' | 'NoSuchObject' | 'NoSuchInstance', number>;
  readonly SecurityLevel: Record<'authPriv', number>;
  readonly AuthProtocols: Record<'sha' | 'md5' | 'sha256', number>;
  readonly PrivProtocols: Record<'aes' | 'des' | 'aes256b', number>;
  readonly Version2c: number;
  readonly RequestTimedOutError: new (...args: never[]) => Error;
}

export const netSnmp = createRequire(__filename)('net-snmp') as NetSnmpClientApi;

/** Counter64 arrives as a minimal-length big-endian Buffer (3, 6 or 9 bytes): decode with BigInt. */
export function bigintFromVarbind(value: unknown): bigint | undefined {
  if (Buffer.isBuffer(value)) return value.length === 0 ? 0n : BigInt(`0x${value.toString('hex')}`);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return undefined;
}
