import * as grpc from '@grpc/grpc-js';
import { timingSafeEqual } from 'node:crypto';
import type { SimSource } from '../sim-source';
import { capabilities, handleGet, type WireGetRequest } from './gnmi-get.handler';
import { wirePath } from './gnmi-path';
import { gnmiServiceDefinition } from './gnmi-proto.loader';
import { applySet, type WireSetRequest } from './gnmi-set.handler';
import { SubscribeSession } from './gnmi-subscribe.session';
import { isRpcError, resolveTarget, rpcError } from './gnmi-target';

export interface GnmiServerOptions {
  readonly port: number;
  /** Loopback by default; the simulator never listens on other interfaces unless told to. */
  readonly host?: string;
  /** Messages waiting per Subscribe stream before new samples are dropped (and counted). */
  readonly queueLimit?: number;
  /** Split notifications larger than this many updates. */
  readonly maxUpdatesPerNotification?: number;
  /** Serve TLS with this certificate and key (PEM); with `clientCa`, also require client certificates. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer; readonly clientCa?: Buffer };
  /** Require gNMI `username`/`password` metadata on every RPC (gNMI spec 3.1); only with `tls`. */
  readonly users?: readonly { readonly username: string; readonly password: string }[];
}

export interface GnmiServerStats {
  readonly sessions: number;
  /** Notifications discarded because a subscriber could not keep up (bounded queues). */
  readonly dropped: number;
  /** Notifications currently waiting for flow control, over all sessions. */
  readonly queued: number;
}

export interface GnmiServerHandle {
  readonly port: number;
  stats(): GnmiServerStats;
  close(): Promise<void>;
}

type Callback = grpc.sendUnaryData<object>;

/**
 * The simulator's gNMI front end: one grpc-js server for every NE, each a distinct target selected by
 * `prefix.target` (spec 2.2.2.1). Reads state and installs SR policies only through SimSource.
 */
export async function startGnmiServer(
  source: SimSource,
  options: GnmiServerOptions,
): Promise<GnmiServerHandle> {
  const server = new grpc.Server();
  const sessions = new Set<SubscribeSession>();
  let dropped = 0;
  const sessionOptions = {
    queueLimit: options.queueLimit ?? 1024,
    maxUpdatesPerNotification: options.maxUpdatesPerNotification ?? 4096,
    onDrop: () => void dropped++,
    onClose: (s: SubscribeSession) => void sessions.delete(s),
  };
  if (options.users !== undefined && options.tls === undefined)
    throw new Error('gnmi server: users need tls (passwords are never accepted in clear)');
  const denied = (md: grpc.Metadata): grpc.ServiceError | undefined =>
    options.users === undefined || options.users.some((u) => userMatches(md, u))
      ? undefined
      : rpcError(grpc.status.UNAUTHENTICATED, 'gnmi: username/password metadata missing or wrong');
  server.addService(gnmiServiceDefinition(), {
    Capabilities: (call: grpc.ServerUnaryCall<object, object>, cb: Callback) => {
      const refused = denied(call.metadata);
      return refused ? cb(refused) : cb(null, capabilities());
    },
    Get: (call: grpc.ServerUnaryCall<WireGetRequest, object>, cb: Callback) => {
      const refused = denied(call.metadata);
      if (refused) return cb(refused);
      const node = resolveTarget(source, call.request.prefix);
      if (isRpcError(node)) return cb(node);
      const out = handleGet(source, node, call.request);
      return isRpcError(out) ? cb(out) : cb(null, out);
    },
    Set: (call: grpc.ServerUnaryCall<WireSetRequest, object>, cb: Callback) => {
      const refused = denied(call.metadata);
      if (refused) return cb(refused);
      const node = resolveTarget(source, call.request.prefix);
      if (isRpcError(node)) return cb(node);
      const results = applySet(source, node.id, call.request);
      if (isRpcError(results)) return cb(results);
      const timestamp = (BigInt(source.nowMs()) * 1_000_000n).toString();
      return cb(null, { prefix: wirePath([], node.id), response: results, timestamp });
    },
    Subscribe: (call: grpc.ServerDuplexStream<object, Buffer>) => {
      const refused = denied(call.metadata);
      if (refused) return void call.emit('error', refused);
      sessions.add(new SubscribeSession(source, call, sessionOptions));
    },
  });
  const host = options.host ?? '127.0.0.1';
  const address = host.includes(':') ? `[${host}]:${options.port}` : `${host}:${options.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    const credentials = options.tls
      ? grpc.ServerCredentials.createSsl(
          options.tls.clientCa ?? null,
          [{ cert_chain: options.tls.cert, private_key: options.tls.key }],
          options.tls.clientCa !== undefined,
        )
      : grpc.ServerCredentials.createInsecure();
    server.bindAsync(address, credentials, (err, p) => (err ? reject(err) : resolve(p)));
  });
  return {
    port,
    stats: () => ({
      sessions: sessions.size,
      dropped,
      queued: [...sessions].reduce((n, s) => n + s.queued, 0),
    }),
    close: async () => {
      for (const s of [...sessions]) s.fail(rpcError(grpc.status.UNAVAILABLE, 'gnmi: server shutting down'));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** Constant-time check of one user's gNMI credentials in the call metadata. */
function userMatches(
  md: grpc.Metadata,
  user: { readonly username: string; readonly password: string },
): boolean {
  const same = (value: grpc.MetadataValue | undefined, want: string): boolean => {
    if (typeof value !== 'string') return false;
    const a = Buffer.from(value);
    const b = Buffer.from(want);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const nameOk = same(md.get('username')[0], user.username);
  const passOk = same(md.get('password')[0], user.password);
  return nameOk && passOk;
}
