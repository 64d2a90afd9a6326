/**
 * Turns successive IF-MIB polls of one NE into normalised telemetry samples. Counter32 columns (used when an
 * NE has no ifXTable, and always for errors/discards) are extended to monotonic 64-bit values; a reboot
 * (sysUpTime went back) or a changed ifCounterDiscontinuityTime flags the sample `discontinuity` instead of
 * producing a bogus delta. Oper-status samples are emitted on change, from polls and from traps alike.
 */
import { BoundedMap } from '../../../core/telemetry';
import type { NodeId } from '../../../core/model/ids';
import { extendCounter, maxOctetsDelta, type ExtendedCounter } from '../../../core/telemetry';
import type { OperStatus, TelemetrySample } from '../../../ports/ne-driver.port';
import type { IfPoll, IfRow } from './if-table.poller';

interface IfTrack {
  name: string;
  oper?: OperStatus;
  discontinuityTime?: number;
  lastNs?: bigint;
  readonly counters: Map<string, ExtendedCounter>;
}

type CounterField =
  'inOctets' | 'outOctets' | 'inPkts' | 'outPkts' | 'inErrors' | 'inDiscards' | 'outDiscards';

const HC: Partial<Record<CounterField, keyof IfRow>> = {
  inOctets: 'hcInOctets',
  outOctets: 'hcOutOctets',
  inPkts: 'hcInPkts',
  outPkts: 'hcOutPkts',
};
const FIELDS: readonly CounterField[] = [
  'inOctets',
  'outOctets',
  'inPkts',
  'outPkts',
  'inErrors',
  'inDiscards',
  'outDiscards',
];

/** IF-MIB ifOperStatus → port status (dormant/notPresent/lowerLayerDown carry no traffic: down). */
const OPER_STATUS: Readonly<Record<number, OperStatus>> = {
  1: 'up',
  2: 'down',
  3: 'testing',
  4: 'unknown',
  5: 'down',
  6: 'down',
  7: 'down',
};

export function operStatusFromMib(value: number | undefined): OperStatus {
  return (value === undefined ? undefined : OPER_STATUS[value]) ?? 'unknown';
}

export class IfSamplesMapper {
  private lastUpTime: number | undefined;
  /** By ifIndex; capped, since traps can name any ifIndex (least recently seen evicted, counted). */
  private readonly interfaces: BoundedMap<number, IfTrack>;

  constructor(
    private readonly ne: NodeId,
    options: { readonly maxInterfaces?: number } = {},
  ) {
    this.interfaces = new BoundedMap(options.maxInterfaces ?? 16_384);
  }

  get size(): number {
    return this.interfaces.size;
  }
  /** Interfaces evicted to stay within the cap. */
  get evicted(): number {
    return this.interfaces.evicted;
  }

  /** Interface name for an ifIndex, once a poll has seen it. */
  nameOf(ifIndex: number): string | undefined {
    return this.interfaces.peek(ifIndex)?.name;
  }

  fromPoll(poll: IfPoll, timestampNs: bigint): TelemetrySample[] {
    const rebooted =
      poll.sysUpTime !== undefined && this.lastUpTime !== undefined && poll.sysUpTime < this.lastUpTime;
    if (poll.sysUpTime !== undefined) this.lastUpTime = poll.sysUpTime;
    const out: TelemetrySample[] = [];
    for (const row of poll.rows.values()) {
      const track = this.track(row);
      const discontinuity =
        rebooted ||
        (track.discontinuityTime !== undefined && row.discontinuityTime !== track.discontinuityTime);
      track.discontinuityTime = row.discontinuityTime;
      const counters = this.counters(track, row, timestampNs, discontinuity);
      if (counters) out.push(counters);
      const oper = this.operChange(track, operStatusFromMib(row.operStatus), timestampNs);
      if (oper) out.push(oper);
    }
    return out;
  }

  /** A linkUp/linkDown trap: a sample if it changes what we knew (unknown interfaces wait for the next poll). */
  fromTrap(ifIndex: number, up: boolean, timestampNs: bigint, ifName?: string): TelemetrySample | undefined {
    let track = this.interfaces.get(ifIndex);
    if (!track && ifName) {
      track = { name: ifName, counters: new Map() };
      this.interfaces.set(ifIndex, track);
    }
    return track ? this.operChange(track, up ? 'up' : 'down', timestampNs) : undefined;
  }

  private track(row: IfRow): IfTrack {
    const name = row.name || row.descr || `ifIndex.${row.ifIndex}`;
    let track = this.interfaces.get(row.ifIndex);
    if (!track) {
      track = { name, counters: new Map() };
      this.interfaces.set(row.ifIndex, track);
    }
    track.name = name;
    return track;
  }

  private operChange(track: IfTrack, status: OperStatus, timestampNs: bigint): TelemetrySample | undefined {
    if (track.oper === status) return undefined;
    track.oper = status;
    return { kind: 'oper-status', ne: this.ne, interface: track.name, timestampNs, status };
  }

  private counters(
    track: IfTrack,
    row: IfRow,
    timestampNs: bigint,
    flagged: boolean,
  ): TelemetrySample | undefined {
    const intervalNs = track.lastNs === undefined ? undefined : timestampNs - track.lastNs;
    track.lastNs = timestampNs;
    const speedBps = row.highSpeedMbps ? BigInt(row.highSpeedMbps) * 1_000_000n : undefined;
    let discontinuity = flagged;
    const values: Partial<Record<CounterField, bigint>> = {};
    for (const field of FIELDS) {
      const hcKey = HC[field];
      const hc = hcKey ? (row[hcKey] as bigint | undefined) : undefined;
      const raw = hc ?? row[field];
      if (raw === undefined) continue;
      const width = hc !== undefined ? 64 : 32;
      const octets = field === 'inOctets' || field === 'outOctets';
      const maxDelta = octets && speedBps && intervalNs ? maxOctetsDelta(speedBps, intervalNs) : undefined;
      const key = `${field}/${width}`;
      const r = extendCounter(track.counters.get(key), raw, {
        width,
        discontinuity: flagged,
        ...(maxDelta === undefined ? {} : { maxDelta }),
      });
      track.counters.set(key, r.counter);
      discontinuity ||= r.discontinuity;
      values[field] = r.counter.extended;
    }
    if (values.inOctets === undefined || values.outOctets === undefined) return undefined;
    return {
      kind: 'interface-counters',
      ne: this.ne,
      interface: track.name,
      timestampNs,
      ...values,
      inOctets: values.inOctets,
      outOctets: values.outOctets,
      ...(discontinuity ? { discontinuity: true } : {}),
    };
  }
}
