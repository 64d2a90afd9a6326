import { status, type ServerDuplexStream, type ServiceError } from '@grpc/grpc-js';
import type { SimSource } from '../sim-source';
import { joinPaths, pathSelects, pathToString, type Elem, type WirePath } from './gnmi-path';
import { valueEncoding } from './gnmi-get.handler';
import { isRpcError, isSilent, resolveTarget, rpcError } from './gnmi-target';
import { collectLeaves, type Leaf, type LeafValue } from './gnmi-tree';
import { encodeSyncResponse, GnmiWireEncoder, type ValueEncoding } from './gnmi-wire.encoder';
import { OutboundQueue } from './outbound.queue';

type SubMode = 'TARGET_DEFINED' | 'ON_CHANGE' | 'SAMPLE';

interface WireSubscription {
  readonly path?: WirePath | null;
  readonly mode?: string;
  readonly sample_interval?: string;
  readonly suppress_redundant?: boolean;
  readonly heartbeat_interval?: string;
}

interface WireSubscribeRequest {
  readonly request?: string;
  readonly subscribe?: {
    readonly prefix?: WirePath | null;
    readonly subscription?: readonly WireSubscription[];
    readonly mode?: string;
    readonly encoding?: string;
    readonly updates_only?: boolean;
  };
}

interface Sub {
  readonly elems: Elem[];
  readonly mode: SubMode;
  readonly sampleMs: number;
  readonly suppress: boolean;
  readonly heartbeatMs: number;
  lastSampleMs: number;
  lastHeartbeatMs: number;
  readonly lastSent: Map<string, string>;
}

export interface SessionOptions {
  readonly queueLimit: number;
  readonly maxUpdatesPerNotification: number;
  readonly onDrop: () => void;
  readonly onClose: (s: SubscribeSession) => void;
}

const nsToMs = (ns: string | undefined): number => Number(BigInt(ns ?? '0') / 1_000_000n);
const valueKey = (v: LeafValue): string => (v.t === 'uint' ? v.v.toString() : String(v.v));

/** One Subscribe RPC (spec 3.5): STREAM (SAMPLE / ON_CHANGE / TARGET_DEFINED), ONCE or POLL on one target. */
export class SubscribeSession {
  private readonly queue: OutboundQueue;
  private readonly encoder = new GnmiWireEncoder();
  private target = '';
  private mode = '';
  private encoding: ValueEncoding = 'PROTO';
  private subs: Sub[] = [];
  /** Set while a silent NE owes its initial dump (sent when the silence ends). */
  private pendingDump: { readonly withData: boolean } | undefined;
  private unsubscribers: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly source: SimSource,
    private readonly call: ServerDuplexStream<WireSubscribeRequest, Buffer>,
    private readonly options: SessionOptions,
  ) {
    this.queue = new OutboundQueue(call, options.queueLimit, options.onDrop);
    call.on('data', (req: WireSubscribeRequest) => this.onRequest(req));
    call.on('end', () => {
      if (this.mode === 'POLL') this.queue.endAfterFlush();
    });
    for (const ev of ['cancelled', 'close', 'finish', 'error']) call.on(ev, () => this.cleanup());
  }

  /** Ends the RPC with a status (e.g. UNAVAILABLE when the server closes or the NE goes down). */
  fail(err: ServiceError): void {
    if (this.closed) return;
    this.cleanup();
    this.call.emit('error', err);
  }

  private onRequest(req: WireSubscribeRequest): void {
    if (this.closed) return;
    if (req.request === 'poll' && this.mode === 'POLL') return this.dump(this.source.nowMs(), true);
    if (req.request !== 'subscribe' || !req.subscribe || this.mode !== '') {
      return this.fail(
        rpcError(status.INVALID_ARGUMENT, 'gnmi: expected one SubscriptionList, then Poll messages'),
      );
    }
    const list = req.subscribe;
    const node = resolveTarget(this.source, list.prefix);
    if (isRpcError(node)) return this.fail(node);
    const encoding = valueEncoding(list.encoding);
    if (!encoding)
      return this.fail(rpcError(status.UNIMPLEMENTED, `gnmi: encoding ${String(list.encoding)}`));
    this.target = node.id;
    this.encoding = encoding;
    this.mode = list.mode ?? 'STREAM';
    const prefix = { ...list.prefix, target: '' };
    const wire = list.subscription && list.subscription.length > 0 ? list.subscription : [{}];
    this.subs = wire.map((s) => this.makeSub(joinPaths(prefix, s.path), s));
    const now = this.source.nowMs();
    this.dump(now, !list.updates_only);
    if (this.mode === 'ONCE') return this.queue.endAfterFlush();
    if (this.mode === 'STREAM') {
      this.unsubscribers.push(this.source.onTick((t) => this.onTick(t)));
      this.unsubscribers.push(
        this.source.onOperStatus((ne, ifName, up, t) => this.onOperStatus(ne, ifName, up, t)),
      );
    }
  }

  private makeSub(elems: Elem[], s: WireSubscription): Sub {
    const mode = (s.mode ?? 'TARGET_DEFINED') as SubMode;
    return {
      elems,
      mode,
      sampleMs: nsToMs(s.sample_interval),
      suppress: s.suppress_redundant ?? false,
      heartbeatMs: nsToMs(s.heartbeat_interval),
      lastSampleMs: 0,
      lastHeartbeatMs: 0,
      lastSent: new Map(),
    };
  }

  /**
   * Full current values of every subscription, then sync_response. A silent NE (telemetry-gap) sends nothing,
   * not even the initial dump: it is sent at the first tick after the silence ends.
   */
  private dump(now: number, withData: boolean): void {
    const node = this.source.node(this.target);
    if (!node?.up) return this.fail(rpcError(status.UNAVAILABLE, `gnmi: target ${this.target} is down`));
    this.pendingDump = isSilent(this.source, this.target) ? { withData } : undefined;
    if (this.pendingDump) return;
    for (const sub of this.subs) {
      const leaves = withData ? collectLeaves(this.source, node, sub.elems) : [];
      for (const l of leaves)
        if (this.tracked(sub, l)) sub.lastSent.set(pathToString(l.path), valueKey(l.value));
      sub.lastSampleMs = now;
      sub.lastHeartbeatMs = now;
      this.send(leaves, now);
    }
    this.queue.push(encodeSyncResponse(), false);
  }

  private onTick(now: number): void {
    const node = this.source.node(this.target);
    if (!node?.up) return this.fail(rpcError(status.UNAVAILABLE, `gnmi: target ${this.target} went down`));
    if (isSilent(this.source, this.target)) return;
    if (this.pendingDump) return this.dump(now, this.pendingDump.withData);
    for (const sub of this.subs) {
      const sampleDue = now - sub.lastSampleMs >= sub.sampleMs;
      const heartbeatDue = sub.heartbeatMs > 0 && now - sub.lastHeartbeatMs >= sub.heartbeatMs;
      if (!sampleDue && !heartbeatDue && sub.mode === 'SAMPLE') continue;
      const out: Leaf[] = [];
      for (const l of collectLeaves(this.source, node, sub.elems)) {
        if (this.due(sub, l, sampleDue, heartbeatDue)) out.push(l);
      }
      if (sampleDue) sub.lastSampleMs = now;
      if (heartbeatDue) sub.lastHeartbeatMs = now;
      this.send(out, now);
    }
  }

  /** Whether a leaf goes out on this tick; records what was sent for change detection. */
  private due(sub: Sub, l: Leaf, sampleDue: boolean, heartbeatDue: boolean): boolean {
    const sampled = sub.mode === 'SAMPLE' || (sub.mode === 'TARGET_DEFINED' && l.kind !== 'status');
    if (sampled && !sampleDue) return false;
    if (!this.tracked(sub, l)) return true;
    const key = pathToString(l.path);
    const value = valueKey(l.value);
    if (sub.lastSent.get(key) === value && !heartbeatDue) return false;
    sub.lastSent.set(key, value);
    return true;
  }

  private tracked(sub: Sub, l: Leaf): boolean {
    if (sub.mode === 'SAMPLE') return sub.suppress;
    return sub.mode === 'ON_CHANGE' || l.kind === 'status' || sub.suppress;
  }

  private onOperStatus(ne: string, ifName: string, up: boolean, now: number): void {
    if (ne !== this.target || isSilent(this.source, ne)) return;
    const path: Elem[] = [
      { name: 'interfaces' },
      { name: 'interface', key: { name: ifName } },
      { name: 'state' },
      { name: 'oper-status' },
    ];
    const leaf: Leaf = { path, value: { t: 'string', v: up ? 'UP' : 'DOWN' }, kind: 'status' };
    for (const sub of this.subs) {
      if (sub.mode === 'SAMPLE' || !pathSelects(sub.elems, path)) continue;
      sub.lastSent.set(pathToString(path), valueKey(leaf.value));
      this.send([leaf], now);
    }
  }

  /** Notifications grouped by top-level container, prefix = target + that container. */
  private send(leaves: readonly Leaf[], nowMs: number): void {
    if (leaves.length === 0) return;
    const groups = new Map<string, { path: Elem[]; value: LeafValue }[]>();
    for (const l of leaves) {
      const top = l.path[0]!.name;
      let g = groups.get(top);
      if (!g) groups.set(top, (g = []));
      g.push({ path: l.path.slice(1), value: l.value });
    }
    const timestampNs = BigInt(nowMs) * 1_000_000n;
    const max = this.options.maxUpdatesPerNotification;
    for (const [top, updates] of groups) {
      for (let i = 0; i < updates.length; i += max) {
        const prefix = { target: this.target, elems: [{ name: top }] };
        const n = { timestampNs, prefix, updates: updates.slice(i, i + max) };
        this.queue.push(this.encoder.subscribeResponse(n, this.encoding));
      }
    }
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    for (const u of this.unsubscribers) u();
    this.unsubscribers = [];
    this.queue.close();
    this.options.onClose(this);
  }

  get dropped(): number {
    return this.queue.dropped;
  }

  /** Messages waiting for HTTP/2 flow control. */
  get queued(): number {
    return this.queue.length;
  }
}
