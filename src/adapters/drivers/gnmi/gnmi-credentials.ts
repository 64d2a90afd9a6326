import * as grpc from '@grpc/grpc-js';

export interface GnmiTlsOptions {
  /** PEM CA certificate(s) that sign the target's certificate; the system roots when absent. */
  readonly ca?: Buffer;
  /** Client certificate and key (mutual TLS), when the target asks for one. */
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

export interface GnmiUserCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Channel credentials for a gNMI target as the gNMI specification (section 3.1, "Authentication") describes:
 * TLS for the session, and the user's name and password in the `username` and `password` metadata of every
 * RPC. Passwords are only ever sent inside TLS: asking for them on a plaintext channel is refused here.
 */
export function gnmiChannelCredentials(
  tls: GnmiTlsOptions | undefined,
  user?: GnmiUserCredentials,
): grpc.ChannelCredentials {
  if (tls === undefined) {
    if (user !== undefined)
      throw new Error('gnmi: username/password need TLS (the gNMI specification never sends them in clear)');
    return grpc.credentials.createInsecure();
  }
  const channel = grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null);
  if (user === undefined) return channel;
  const perCall = grpc.credentials.createFromMetadataGenerator((_params, callback) => {
    const md = new grpc.Metadata();
    md.set('username', user.username);
    md.set('password', user.password);
    callback(null, md);
  });
  return grpc.credentials.combineChannelCredentials(channel, perCall);
}
