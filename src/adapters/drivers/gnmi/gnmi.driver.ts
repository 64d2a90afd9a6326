import * as grpc from '@grpc/grpc-js';
import type { NodeId } from '../../../core/model/ids';
import type {
  DriverSessionState,
  DriverStatus,
  NeDriver,
  ResourceResult,
  SrPolicyConfig,
  TelemetrySample,
  TelemetrySubscription,
} from '../../../ports/ne-driver.port';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { gnmiChannelCredentials } from './gnmi-credentials';
import type { GnmiTlsOptions, GnmiUserCredentials } from './gnmi-credentials';
import { createGnmiClient, type GnmiGrpcClient } from './gnmi-proto';
import { GnmiTargetStream } from './gnmi-target.stream';
import {
  notificationToSamples,
  policiesFromContainerJson,
  policyToJson,
  SR_POLICIES,
  TRAFFIC_MATRIX,
} from './gnmi.mapping';

export interface GnmiDriverOptions {
  /** host:port of the gNMI server (a device, a gNMI proxy, or the Autonet simulator). */
  readonly address: string;
  /** The NEs reachable there, each addressed as `prefix.target`. */
  readonly targets: readonly NodeId[];
  /** Channel credentials as they are; else built from `tls` and `user` (plaintext when neither is given). */
  readonly credentials?: grpc.ChannelCredentials;
  /** TLS to the target (gNMI spec 3.1); required for `user`. */
  readonly tls?: GnmiTlsOptions;
  /** `username`/`password` metadata on every RPC (gNMI spec 3.1). */
  readonly user?: GnmiUserCredentials;
  readonly requestTimeoutMs?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** Jitter source; injectable for deterministic tests. */
  readonly random?: () => number;
}

type Elem = { name: string; key?: Record<string, string> };
const elem = (name: string, key?: Record<string, string>): Elem => (key ? { name, key } : { name });
const policyPath = (name?: string) => ({
  elem: name === undefined ? [elem(SR_POLICIES)] : [elem(SR_POLICIES), elem('policy', { name })],
});

/** Stable driver error codes for ResourceResult, from the gRPC status of the failed RPC. */
function errorCode(code: number | undefined): string {
  if (code === grpc.status.NOT_FOUND) return 'UNKNOWN_NODE';
  if (code === grpc.status.INVALID_ARGUMENT || code === grpc.status.FAILED_PRECONDITION) return 'REJECTED';
  if (code === grpc.status.UNAVAILABLE || code === grpc.status.DEADLINE_EXCEEDED) return 'UNREACHABLE';
  return 'NE_ERROR';
}

const failure = (resource: string, e: unknown): ResourceResult<never> => {
  const err = e as Partial<grpc.ServiceError>;
  return {
    resource,
    ok: false,
    error: { code: errorCode(err.code), message: `gnmi: ${err.details ?? err.message ?? String(e)}` },
  };
};

/** NeDriver over gNMI (grpc-js): Set/Get of autonet-sr-policy JSON, Subscribe STREAM for telemetry. */
export class GnmiNeDriver implements NeDriver {
  readonly protocol = 'gnmi';
  private readonly client: GnmiGrpcClient;
  private readonly sessions = new Map<NodeId, { state: DriverSessionState; lastError?: string }>();
  private readonly subscriptions = new Set<TelemetrySubscription>();
  private readonly timeoutMs: number;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: GnmiDriverOptions) {
    this.client = createGnmiClient(
      options.address,
      options.credentials ?? gnmiChannelCredentials(options.tls, options.user),
    );
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    for (const t of options.targets) this.sessions.set(t, { state: 'down' });
  }

  targets(): readonly NodeId[] {
    return this.options.targets;
  }

  /** Capabilities of the server (models, encodings, gNMI version). */
  capabilities(): Promise<{
    supported_models: { name: string; version: string }[];
    supported_encodings: string[];
    gNMI_version: string;
  }> {
    return this.unary('Capabilities', {});
  }

  async setPolicies(policies: readonly SrPolicyConfig[]): Promise<ResourceResult[]> {
    // One Set per policy: a Set is a transaction, so batching would turn one bad policy into many failures.
    return Promise.all(
      policies.map(async (p): Promise<ResourceResult> => {
        const resource = `${p.headend}/${p.name}`;
        try {
          const val = { json_ietf_val: Buffer.from(JSON.stringify(policyToJson(p))) };
          await this.unary('Set', {
            prefix: { target: p.headend },
            replace: [{ path: policyPath(p.name), val }],
          });
          return { resource, ok: true, value: undefined };
        } catch (e) {
          return failure(resource, e);
        }
      }),
    );
  }

  async deletePolicies(
    refs: readonly { readonly headend: NodeId; readonly name: string }[],
  ): Promise<ResourceResult[]> {
    return Promise.all(
      refs.map(async (r): Promise<ResourceResult> => {
        const resource = `${r.headend}/${r.name}`;
        try {
          await this.unary('Set', { prefix: { target: r.headend }, delete: [policyPath(r.name)] });
          return { resource, ok: true, value: undefined };
        } catch (e) {
          return failure(resource, e);
        }
      }),
    );
  }

  async getPolicies(headends: readonly NodeId[]): Promise<ResourceResult<readonly SrPolicyConfig[]>[]> {
    return Promise.all(
      headends.map(async (h): Promise<ResourceResult<readonly SrPolicyConfig[]>> => {
        try {
          const res = await this.unary<{ notification: { update: { val: Record<string, Buffer> }[] }[] }>(
            'Get',
            {
              prefix: { target: h },
              path: [policyPath()],
              encoding: 'JSON_IETF',
            },
          );
          const val = res.notification[0]?.update[0]?.val;
          const text = val?.['json_ietf_val'] ?? val?.['json_val'];
          return {
            resource: h,
            ok: true,
            value: text ? policiesFromContainerJson(text.toString('utf8'), h) : [],
          };
        } catch (e) {
          return failure(h, e);
        }
      }),
    );
  }

  async subscribe(
    targets: readonly NodeId[],
    onSample: (sample: TelemetrySample) => void,
    options?: { readonly sampleIntervalMs?: number },
  ): Promise<TelemetrySubscription> {
    const intervalNs = (BigInt(options?.sampleIntervalMs ?? 10_000) * 1_000_000n).toString();
    const streams = targets.map((t) => this.openStream(t, intervalNs, onSample));
    const subscription: TelemetrySubscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        await Promise.all(streams.map((s) => s.close()));
        for (const t of targets) this.setState(t, 'down');
      },
    };
    this.subscriptions.add(subscription);
    return Promise.resolve(subscription);
  }

  status(): readonly DriverStatus[] {
    return [...this.sessions].map(([ne, s]) => ({
      ne,
      protocol: this.protocol,
      state: s.state,
      ...(s.lastError ? { lastError: s.lastError } : {}),
    }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.client.close();
  }

  private openStream(
    target: NodeId,
    intervalNs: string,
    onSample: (s: TelemetrySample) => void,
  ): GnmiTargetStream {
    const sampled = (path: Elem[]) => ({ path: { elem: path }, mode: 'SAMPLE', sample_interval: intervalNs });
    const request = {
      subscribe: {
        prefix: { target },
        mode: 'STREAM',
        encoding: 'PROTO',
        subscription: [
          sampled([elem('interfaces'), elem('interface', { name: '*' }), elem('state'), elem('counters')]),
          {
            path: {
              elem: [
                elem('interfaces'),
                elem('interface', { name: '*' }),
                elem('state'),
                elem('oper-status'),
              ],
            },
            mode: 'ON_CHANGE',
          },
          sampled([elem('system'), elem('state')]),
          // Probe results and per-policy traffic counters; IGP-routed traffic per destination (traffic matrix).
          sampled([elem(SR_POLICIES), elem('policy', { name: '*' }), elem('state')]),
          sampled([
            elem(TRAFFIC_MATRIX),
            elem('destination', { node: '*' }),
            elem('state'),
            elem('counters'),
          ]),
        ],
      },
    };
    const samples: TelemetrySample[] = [];
    const stream = new GnmiTargetStream(this.client, request, {
      backoff: this.backoff,
      random: this.options.random ?? Math.random,
      onState: (state, error) => this.setState(target, state, error),
      onResponse: (r) => {
        if (r.kind !== 'update') return;
        samples.length = 0;
        notificationToSamples(target, r.notification, samples);
        for (const s of samples) onSample(s);
      },
    });
    stream.start();
    return stream;
  }

  private setState(ne: NodeId, state: DriverSessionState, lastError?: string): void {
    const prev = this.sessions.get(ne);
    this.sessions.set(ne, {
      state,
      ...((lastError ?? prev?.lastError) ? { lastError: lastError ?? prev?.lastError } : {}),
    });
  }

  private unary<T>(method: 'Capabilities' | 'Get' | 'Set', req: object): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    return new Promise<T>((resolve, reject) => {
      this.client[method](
        req,
        new grpc.Metadata(),
        { deadline },
        (err: grpc.ServiceError | null, res?: unknown) => (err ? reject(err) : resolve(res as T)),
      );
    });
  }
}
