/**
 * NeDriver for legacy NEs reachable by SNMP only. Read-only: SR policy changes fail per resource with
 * UNSUPPORTED and `getPolicies` reports nothing installed. Telemetry: GetBulk polling of ifXTable/ifTable
 * (Counter64 as bigint, Counter32 wraps and discontinuities handled by core/telemetry/counter-rate) and
 * linkDown/linkUp traps received in a worker thread.
 */
import type { NodeId } from '../../../core/model/ids';
import type {
  DriverListenerStatus,
  DriverStatus,
  NeDriver,
  ResourceResult,
  SrPolicyConfig,
  TelemetrySample,
  TelemetrySubscription,
} from '../../../ports/ne-driver.port';
import { SnmpNeSession, type SnmpTargetConfig } from './snmp-session';
import { SnmpSubscription } from './snmp.subscription';
import {
  SnmpTrapReceiver,
  type LinkTrapEvent,
  type TrapReceiverOptions,
  type TrapReceiverStats,
  type TrapV3User,
} from './trap-receiver';

export interface SnmpDriverOptions {
  readonly targets: readonly SnmpTargetConfig[];
  /** Per request; default 2 000 ms, 1 retry. */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Rows per column per GetBulk; default 10. */
  readonly maxRepetitions?: number;
  /** Concurrent polls per subscription; default 16. */
  readonly maxInFlight?: number;
  /** Backoff after a failed poll: doubles from `initialMs` up to `maxMs` (default 1 s … 60 s). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Listen for linkDown/linkUp traps here (port 0: any free port, see `trapPort`). */
  readonly trapListener?: Omit<TrapReceiverOptions, 'onTraps' | 'communities' | 'users'>;
  /** Wall clock in ns (SNMP carries no timestamps: samples are stamped on receipt). */
  readonly clockNs?: () => bigint;
}

export const DEFAULT_SAMPLE_INTERVAL_MS = 10_000;

export class SnmpNeDriver implements NeDriver {
  readonly protocol = 'snmp';
  private readonly sessions = new Map<NodeId, SnmpNeSession>();
  private readonly subscriptions = new Set<SnmpSubscription>();
  private readonly clockNs: () => bigint;
  private unattributedTraps = 0;
  /** Trap attribution: community → NE, and sender address → NE (null when several NEs share the address). */
  private readonly trapCommunities = new Map<string, NodeId>();
  private readonly trapAddresses = new Map<string, NodeId | null>();

  private constructor(
    private readonly options: SnmpDriverOptions,
    private readonly receiver: SnmpTrapReceiver | undefined,
  ) {
    this.clockNs = options.clockNs ?? (() => BigInt(Date.now()) * 1_000_000n);
    const timing = {
      timeoutMs: options.timeoutMs ?? 2000,
      retries: options.retries ?? 1,
      backoffInitialMs: options.backoff?.initialMs ?? 1000,
      backoffMaxMs: options.backoff?.maxMs ?? 60_000,
    };
    for (const t of options.targets) {
      this.sessions.set(t.ne, new SnmpNeSession(t, timing));
      this.trapCommunities.set(t.trapCommunity ?? t.community ?? t.ne, t.ne);
      this.trapAddresses.set(t.host, this.trapAddresses.has(t.host) ? null : t.ne);
    }
  }

  static async create(options: SnmpDriverOptions): Promise<SnmpNeDriver> {
    const created: { driver?: SnmpNeDriver } = {};
    const receiver = options.trapListener
      ? await SnmpTrapReceiver.start({
          ...options.trapListener,
          ...trapAuthorisation(options.targets),
          onTraps: (events) => created.driver?.onTraps(events),
        })
      : undefined;
    created.driver = new SnmpNeDriver(options, receiver);
    return created.driver;
  }

  /** The UDP port traps are received on, if a trap listener was configured. */
  get trapPort(): number | undefined {
    return this.receiver?.port;
  }

  trapStats(): (TrapReceiverStats & { readonly unattributed: number }) | undefined {
    const base = this.receiver?.stats();
    return base && { ...base, unattributed: this.unattributedTraps };
  }

  /** The trap receiver, for /health and /metrics. */
  listeners(): readonly DriverListenerStatus[] {
    const s = this.trapStats();
    if (s === undefined) return [];
    const { state, lastError, ...counts } = s;
    return [{ name: 'snmp-traps', state, counts, ...(lastError !== undefined && { lastError }) }];
  }

  targets(): readonly NodeId[] {
    return [...this.sessions.keys()];
  }

  setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]> {
    return Promise.resolve(policies.map((p) => this.readOnly(p.headend, p.name)));
  }

  deletePolicies(
    refs: readonly { readonly headend: NodeId; readonly name: string }[],
  ): Promise<ResourceResult[]> {
    return Promise.resolve(refs.map((r) => this.readOnly(r.headend, r.name)));
  }

  getPolicies(headends: readonly NodeId[]): Promise<ResourceResult<readonly SrPolicyConfig[]>[]> {
    return Promise.resolve(
      headends.map((h): ResourceResult<readonly SrPolicyConfig[]> =>
        this.sessions.has(h)
          ? { resource: h, ok: true, value: [] }
          : {
              resource: h,
              ok: false,
              error: { code: 'UNKNOWN_NODE', message: `snmp driver: no target ${h}` },
            },
      ),
    );
  }

  subscribe(
    targets: readonly NodeId[],
    onSample: (sample: TelemetrySample) => void,
    options?: { readonly sampleIntervalMs?: number },
  ): Promise<TelemetrySubscription> {
    const sessions = targets.flatMap((ne) => this.sessions.get(ne) ?? []);
    const subscription = new SnmpSubscription(
      sessions,
      onSample,
      {
        intervalMs: options?.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS,
        maxRepetitions: this.options.maxRepetitions ?? 10,
        maxInFlight: this.options.maxInFlight ?? 16,
        clockNs: this.clockNs,
      },
      (s) => this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    subscription.start();
    return Promise.resolve(subscription);
  }

  /** SNMP NEs are read-only here: they can never hold an SR policy. */
  configurable(): boolean {
    return false;
  }

  status(): readonly DriverStatus[] {
    return [...this.sessions.values()].map((s) => s.status(this.protocol));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    for (const s of this.sessions.values()) s.close();
    await this.receiver?.close();
  }

  private readOnly(headend: NodeId, name: string): ResourceResult {
    return {
      resource: `${headend}/${name}`,
      ok: false,
      error: {
        code: 'UNSUPPORTED',
        message: `snmp driver: ${headend} is read-only over SNMP (no SR policy config)`,
      },
    };
  }

  /** Attribute a trap to an NE: by community (NE id or configured), else by a unique sender address. */
  private attribute(event: LinkTrapEvent): NodeId | undefined {
    const byCommunity = event.community === undefined ? undefined : this.trapCommunities.get(event.community);
    return byCommunity ?? this.trapAddresses.get(event.address) ?? undefined;
  }

  private onTraps(events: readonly LinkTrapEvent[]): void {
    for (const e of events) {
      const ne = this.attribute(e);
      if (!ne) {
        this.unattributedTraps++;
        continue;
      }
      for (const s of this.subscriptions) if (s.covers(ne)) s.trap(ne, e.ifIndex, e.up, e.ifName);
    }
  }
}

/** Who may send traps: each target's trap community (default: its community, else the NE id) and v3 user. */
function trapAuthorisation(targets: readonly SnmpTargetConfig[]): {
  communities: string[];
  users: TrapV3User[];
} {
  const communities = new Set<string>();
  const users = new Map<string, TrapV3User>();
  for (const t of targets) {
    if (t.v3) {
      const { user, context: _context, ...keys } = t.v3;
      users.set(user, { name: user, ...keys });
    }
    if (!t.v3 || t.trapCommunity !== undefined) communities.add(t.trapCommunity ?? t.community ?? t.ne);
  }
  return { communities: [...communities], users: [...users.values()] };
}
