/* eslint-disable @typescript-eslint/no-explicit-any -- proto-loader messages are untyped wire objects */
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * A plain gNMI client built straight from proto/gnmi/gnmi.proto with grpc-js and proto-loader (no Autonet
 * driver code), standing in for gnmic in interop tests.
 */
export interface PlainGnmiClient extends grpc.Client {
  Capabilities(req: object, cb: (err: grpc.ServiceError | null, res?: any) => void): grpc.ClientUnaryCall;
  Get(req: object, cb: (err: grpc.ServiceError | null, res?: any) => void): grpc.ClientUnaryCall;
  Set(req: object, cb: (err: grpc.ServiceError | null, res?: any) => void): grpc.ClientUnaryCall;
  Subscribe(): grpc.ClientDuplexStream<object, any>;
}

export function plainGnmiClient(port: number): PlainGnmiClient {
  const def = protoLoader.loadSync('gnmi/gnmi.proto', {
    includeDirs: [join(__dirname, '..', '..', 'proto')],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(def) as unknown as { gnmi: { gNMI: grpc.ServiceClientConstructor } };
  return new pkg.gnmi.gNMI(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  ) as unknown as PlainGnmiClient;
}

export function unary<T = any>(
  fn: (req: object, cb: (e: grpc.ServiceError | null, r?: T) => void) => unknown,
  req: object,
): Promise<T> {
  return new Promise((resolve, reject) => fn(req, (e, r) => (e ? reject(e) : resolve(r as T))));
}

export const path = (
  target: string | undefined,
  ...elems: (string | [string, Record<string, string>])[]
): object => ({
  ...(target === undefined ? {} : { target }),
  elem: elems.map((e) => (typeof e === 'string' ? { name: e } : { name: e[0], key: e[1] })),
});

/** Collects responses of a Subscribe call until `until` says stop (or the stream ends). */
export function collect(
  call: grpc.ClientDuplexStream<object, any>,
  until: (msgs: any[]) => boolean,
  timeoutMs = 5000,
): Promise<{ msgs: any[]; ended: boolean; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const msgs: any[] = [];
    const timer = setTimeout(() => finish(false), timeoutMs);
    const finish = (ended: boolean, error?: grpc.ServiceError): void => {
      clearTimeout(timer);
      call.removeAllListeners('data');
      resolve({ msgs, ended, ...(error ? { error } : {}) });
    };
    call.on('data', (m) => {
      msgs.push(m);
      if (until(msgs)) finish(false);
    });
    call.on('end', () => finish(true));
    call.on('error', (e: grpc.ServiceError) => finish(true, e));
  });
}
