/**
 * One poll of an NE's interfaces: GetBulk walks of the ifXTable/ifTable columns a collector needs, all columns
 * side by side in each request (like Telegraf's snmp input), plus sysUpTime as a non-repeater.
 */
import { bigintFromVarbind, netSnmp, type ClientSession, type ClientVarbind } from './net-snmp.facade';

export interface IfRow {
  ifIndex: number;
  name?: string;
  descr?: string;
  operStatus?: number;
  highSpeedMbps?: number;
  discontinuityTime?: number;
  hcInOctets?: bigint;
  hcOutOctets?: bigint;
  hcInPkts?: bigint;
  hcOutPkts?: bigint;
  inOctets?: bigint;
  outOctets?: bigint;
  inPkts?: bigint;
  outPkts?: bigint;
  inErrors?: bigint;
  inDiscards?: bigint;
  outDiscards?: bigint;
}

export interface IfPoll {
  /** sysUpTime.0 in hundredths of a second, if the NE reported it. */
  readonly sysUpTime?: number;
  readonly rows: ReadonlyMap<number, IfRow>;
}

type Kind = 'string' | 'int' | 'counter';
type Key = Exclude<keyof IfRow, 'ifIndex'>;
interface Column {
  readonly key: Key;
  readonly oid: string;
  readonly kind: Kind;
}

const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';
export const SYS_UP_TIME = '1.3.6.1.2.1.1.3';

export const POLL_COLUMNS: readonly Column[] = [
  { key: 'descr', oid: `${IF}.2`, kind: 'string' },
  { key: 'operStatus', oid: `${IF}.8`, kind: 'int' },
  { key: 'inOctets', oid: `${IF}.10`, kind: 'counter' },
  { key: 'inPkts', oid: `${IF}.11`, kind: 'counter' },
  { key: 'inDiscards', oid: `${IF}.13`, kind: 'counter' },
  { key: 'inErrors', oid: `${IF}.14`, kind: 'counter' },
  { key: 'outOctets', oid: `${IF}.16`, kind: 'counter' },
  { key: 'outPkts', oid: `${IF}.17`, kind: 'counter' },
  { key: 'outDiscards', oid: `${IF}.19`, kind: 'counter' },
  { key: 'name', oid: `${IFX}.1`, kind: 'string' },
  { key: 'hcInOctets', oid: `${IFX}.6`, kind: 'counter' },
  { key: 'hcInPkts', oid: `${IFX}.7`, kind: 'counter' },
  { key: 'hcOutOctets', oid: `${IFX}.10`, kind: 'counter' },
  { key: 'hcOutPkts', oid: `${IFX}.11`, kind: 'counter' },
  { key: 'highSpeedMbps', oid: `${IFX}.15`, kind: 'int' },
  { key: 'discontinuityTime', oid: `${IFX}.19`, kind: 'int' },
];

/** At most this many GetBulk round trips per poll (a 1 000-interface NE at 10 repetitions needs 101). */
const MAX_ROUND_TRIPS = 200;

function decode(kind: Kind, value: unknown): string | number | bigint | undefined {
  if (kind === 'string') return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  if (kind === 'int') return typeof value === 'number' ? value : undefined;
  return bigintFromVarbind(value);
}

/**
 * Fold one column's varbinds into the rows. Returns the OID to continue from, or undefined when the column is
 * finished (left its subtree, endOfMibView, or an exception).
 */
export function foldColumn(
  rows: Map<number, IfRow>,
  column: Column,
  varbinds: readonly ClientVarbind[],
): string | undefined {
  let next: string | undefined;
  for (const vb of varbinds) {
    if (netSnmp.isVarbindError(vb) || !vb.oid.startsWith(`${column.oid}.`)) return undefined;
    const ifIndex = Number(vb.oid.slice(column.oid.length + 1));
    if (!Number.isInteger(ifIndex)) return undefined;
    const row = rows.get(ifIndex) ?? { ifIndex };
    (row as Record<Key, unknown>)[column.key] = decode(column.kind, vb.value);
    rows.set(ifIndex, row);
    next = vb.oid;
  }
  return next;
}

function getBulk(session: ClientSession, oids: string[], maxRepetitions: number) {
  return new Promise<(ClientVarbind | ClientVarbind[])[]>((resolve, reject) =>
    session.getBulk(oids, 1, maxRepetitions, (error, varbinds) =>
      error ? reject(error) : resolve(varbinds ?? []),
    ),
  );
}

/** SNMP error-status tooBig (RFC 3416): the response would not fit in one message. */
const TOO_BIG = 1;

export async function pollInterfaces(session: ClientSession, maxRepetitions: number): Promise<IfPoll> {
  const rows = new Map<number, IfRow>();
  let cursors = POLL_COLUMNS.map((c) => ({ column: c, oid: c.oid }));
  let sysUpTime: number | undefined;
  let repetitions = Math.max(1, maxRepetitions);
  for (let trip = 0; cursors.length > 0 && trip < MAX_ROUND_TRIPS; trip++) {
    const oids = [SYS_UP_TIME, ...cursors.map((c) => c.oid)];
    const varbinds = await getBulk(session, oids, repetitions).catch((error: unknown) => {
      // An agent with a small message size answers tooBig: ask again for fewer rows.
      if ((error as { status?: number }).status !== TOO_BIG || repetitions === 1) throw error;
      repetitions = Math.max(1, Math.floor(repetitions / 2));
      return undefined;
    });
    if (!varbinds) continue;
    const up = varbinds[0];
    if (up && !Array.isArray(up) && up.oid === `${SYS_UP_TIME}.0` && typeof up.value === 'number') {
      sysUpTime ??= up.value;
    }
    cursors = cursors.flatMap((cursor, i) => {
      const column = varbinds[i + 1];
      const oid = Array.isArray(column) ? foldColumn(rows, cursor.column, column) : undefined;
      return oid ? [{ column: cursor.column, oid }] : [];
    });
  }
  return sysUpTime === undefined ? { rows } : { sysUpTime, rows };
}
