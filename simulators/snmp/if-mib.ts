/**
 * The IF-MIB (RFC 2863) and SNMPv2-MIB objects the simulated agent serves, as column specifications that map
 * one simulated interface to SNMP values. Counter32 wraps modulo 2^32; Counter64 is an 8-byte Buffer (a JS
 * number crashes the npm agent's BER writer); TimeTicks are hundredths of a second since the NE booted.
 */
import type { SimInterfaceState, SimNodeState } from '../sim-source';
import { netSnmp } from './net-snmp.facade';

export const OID = {
  sysDescr: '1.3.6.1.2.1.1.1',
  sysObjectID: '1.3.6.1.2.1.1.2',
  sysUpTime: '1.3.6.1.2.1.1.3',
  sysName: '1.3.6.1.2.1.1.5',
  ifNumber: '1.3.6.1.2.1.2.1',
  ifEntry: '1.3.6.1.2.1.2.2.1',
  ifXEntry: '1.3.6.1.2.1.31.1.1.1',
  snmpEngineBoots: '1.3.6.1.6.3.10.2.1.2',
  snmpEngineTime: '1.3.6.1.6.3.10.2.1.3',
  linkDown: '1.3.6.1.6.3.1.1.5.3',
  linkUp: '1.3.6.1.6.3.1.1.5.4',
} as const;

/** What a request sees of one NE: its state, read once per request. */
export interface NeView {
  readonly ne: string;
  readonly node: SimNodeState;
  readonly byIndex: ReadonlyMap<number, SimInterfaceState>;
  /** Simulated time the NE (re)booted, and now (ms). */
  readonly bootMs: number;
  readonly nowMs: number;
}

export interface ColumnSpec {
  readonly number: number;
  readonly name: string;
  readonly type: number;
  value(itf: SimInterfaceState, view: NeView): unknown;
}

const T = netSnmp.ObjectType;
const M32 = 0xffffffffn;

export const counter32 = (v: bigint): number => Number(v & M32);
export function counter64(v: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt.asUintN(64, v));
  return b;
}
export const timeTicks = (ms: number): number => Math.floor(Math.max(0, ms) / 10) % 2 ** 32;
export const sysUpTimeTicks = (view: Pick<NeView, 'bootMs' | 'nowMs'>): number =>
  timeTicks(view.nowMs - view.bootMs);

const operUp = (itf: SimInterfaceState, view: NeView): boolean => itf.operUp && view.node.up;
const status = (up: boolean): number => (up ? 1 : 2);

/** A locally administered MAC address derived from the NE id and ifIndex (stable across runs). */
export function physAddress(ne: string, ifIndex: number): Buffer {
  let h = 2166136261;
  for (let i = 0; i < ne.length; i++) h = Math.imul(h ^ ne.charCodeAt(i), 16777619) >>> 0;
  const b = Buffer.alloc(6);
  b[0] = 0x02;
  b.writeUInt32BE(h, 1);
  b[5] = ifIndex & 0xff;
  return b;
}

/** ifTable (1.3.6.1.2.1.2.2.1): the columns a collector reads; deprecated NUcast/QLen/Specific are omitted. */
export const IF_TABLE_COLUMNS: readonly ColumnSpec[] = [
  { number: 1, name: 'ifIndex', type: T.Integer, value: (i) => i.ifIndex },
  { number: 2, name: 'ifDescr', type: T.OctetString, value: (i) => i.name },
  { number: 3, name: 'ifType', type: T.Integer, value: () => 6 }, // ethernetCsmacd
  { number: 4, name: 'ifMtu', type: T.Integer, value: () => 9000 },
  { number: 5, name: 'ifSpeed', type: T.Gauge, value: (i) => Math.min(i.speedMbps * 1e6, 4294967295) },
  { number: 6, name: 'ifPhysAddress', type: T.OctetString, value: (i, v) => physAddress(v.ne, i.ifIndex) },
  { number: 7, name: 'ifAdminStatus', type: T.Integer, value: (i) => status(i.adminUp) },
  { number: 8, name: 'ifOperStatus', type: T.Integer, value: (i, v) => status(operUp(i, v)) },
  {
    number: 9,
    name: 'ifLastChange',
    type: T.TimeTicks,
    value: (i, v) => timeTicks(i.lastChangeMs - v.bootMs),
  },
  { number: 10, name: 'ifInOctets', type: T.Counter, value: (i) => counter32(i.inOctets) },
  { number: 11, name: 'ifInUcastPkts', type: T.Counter, value: (i) => counter32(i.inPkts) },
  { number: 13, name: 'ifInDiscards', type: T.Counter, value: (i) => counter32(i.inDiscards) },
  { number: 14, name: 'ifInErrors', type: T.Counter, value: (i) => counter32(i.inErrors) },
  { number: 16, name: 'ifOutOctets', type: T.Counter, value: (i) => counter32(i.outOctets) },
  { number: 17, name: 'ifOutUcastPkts', type: T.Counter, value: (i) => counter32(i.outPkts) },
  { number: 19, name: 'ifOutDiscards', type: T.Counter, value: (i) => counter32(i.outDiscards) },
  { number: 20, name: 'ifOutErrors', type: T.Counter, value: (i) => counter32(i.outErrors) },
];

/** ifXTable (1.3.6.1.2.1.31.1.1.1, AUGMENTS ifEntry): names and the 64-bit (HC) counters. */
export const IF_X_TABLE_COLUMNS: readonly ColumnSpec[] = [
  { number: 1, name: 'ifName', type: T.OctetString, value: (i) => i.name },
  { number: 6, name: 'ifHCInOctets', type: T.Counter64, value: (i) => counter64(i.inOctets) },
  { number: 7, name: 'ifHCInUcastPkts', type: T.Counter64, value: (i) => counter64(i.inPkts) },
  { number: 10, name: 'ifHCOutOctets', type: T.Counter64, value: (i) => counter64(i.outOctets) },
  { number: 11, name: 'ifHCOutUcastPkts', type: T.Counter64, value: (i) => counter64(i.outPkts) },
  { number: 14, name: 'ifLinkUpDownTrapEnable', type: T.Integer, value: () => 1 },
  { number: 15, name: 'ifHighSpeed', type: T.Gauge, value: (i) => i.speedMbps },
  { number: 17, name: 'ifConnectorPresent', type: T.Integer, value: () => 1 },
  { number: 18, name: 'ifAlias', type: T.OctetString, value: (i) => `${i.linkId} to ${i.peer}` },
  // Counters are continuous since the NE booted: the discontinuity time is 0 (RFC 2863 §3.1.6).
  { number: 19, name: 'ifCounterDiscontinuityTime', type: T.TimeTicks, value: () => 0 },
];

/** Placeholder cell of the right type, used to give a shared MIB tree its shape; handlers serve live values. */
export function placeholder(type: number): unknown {
  if (type === T.Counter64) return Buffer.alloc(8);
  if (type === T.OctetString) return '';
  return 0;
}
