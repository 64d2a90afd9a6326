/**
 * One telemetry subscription of the SNMP driver: polls its NEs every `intervalMs` (at most `maxInFlight`
 * polls at once; NEs backing off are skipped; a round that overruns the interval delays the next one rather
 * than stacking), maps polls and traps to samples with one IfSamplesMapper per NE.
 */
import type { NodeId } from '../../../core/model/ids';
import type { TelemetrySample, TelemetrySubscription } from '../../../ports/ne-driver.port';
import { IfSamplesMapper } from './if-samples.mapper';
import { pollInterfaces } from './if-table.poller';
import type { SnmpNeSession } from './snmp-session';

export interface PollSettings {
  readonly intervalMs: number;
  readonly maxRepetitions: number;
  readonly maxInFlight: number;
  readonly clockNs: () => bigint;
}

export class SnmpSubscription implements TelemetrySubscription {
  private readonly mappers = new Map<NodeId, IfSamplesMapper>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  polls = 0;
  failures = 0;
  overruns = 0;

  constructor(
    private readonly sessions: readonly SnmpNeSession[],
    private readonly onSample: (sample: TelemetrySample) => void,
    private readonly settings: PollSettings,
    private readonly onClose: (s: SnmpSubscription) => void,
  ) {
    for (const s of sessions) this.mappers.set(s.ne, new IfSamplesMapper(s.ne));
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.settings.intervalMs);
    this.tick();
  }

  covers(ne: NodeId): boolean {
    return this.mappers.has(ne);
  }

  /** A linkUp/linkDown trap for one of this subscription's NEs. */
  trap(ne: NodeId, ifIndex: number, up: boolean, ifName?: string): void {
    const sample = this.mappers.get(ne)?.fromTrap(ifIndex, up, this.settings.clockNs(), ifName);
    if (sample && !this.closed) this.onSample(sample);
  }

  /** Stops polling; a poll in flight finishes (or fails when the driver closes its sessions) unseen. */
  close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.onClose(this);
    return Promise.resolve();
  }

  private tick(): void {
    if (this.closed) return;
    if (this.running) {
      this.overruns++;
      return;
    }
    this.running = this.round().finally(() => (this.running = undefined));
  }

  private async round(): Promise<void> {
    const nowMs = Number(this.settings.clockNs() / 1_000_000n);
    const due = this.sessions.filter((s) => s.ready(nowMs));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length && !this.closed) {
        const session = due[next++];
        if (session) await this.pollOne(session);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.maxInFlight, due.length) }, worker));
  }

  private async pollOne(session: SnmpNeSession): Promise<void> {
    const clockMs = () => Number(this.settings.clockNs() / 1_000_000n);
    try {
      const poll = await session.use(clockMs, (s) => pollInterfaces(s, this.settings.maxRepetitions));
      this.polls++;
      if (this.closed) return;
      const mapper = this.mappers.get(session.ne);
      for (const sample of mapper?.fromPoll(poll, this.settings.clockNs()) ?? []) this.onSample(sample);
    } catch {
      this.failures++; // the session records the error and backs off
    }
  }
}
