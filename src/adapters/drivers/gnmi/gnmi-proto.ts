import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Finds the repository's proto/ folder from here (sources or dist/). */
export function findProtoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'proto', 'gnmi', 'gnmi.proto'))) return join(dir, 'proto');
    if (dirname(dir) === dir) throw new Error('gnmi driver: proto/gnmi/gnmi.proto not found above ' + from);
  }
}

let definition: protoLoader.PackageDefinition | undefined;

/** proto-loader view of gnmi.proto: 64-bit numbers as decimal strings, enums by name. */
export function gnmiDefinition(): protoLoader.PackageDefinition {
  definition ??= protoLoader.loadSync('gnmi/gnmi.proto', {
    includeDirs: [findProtoRoot()],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return definition;
}

/** Unary RPCs through proto-loader; Subscribe responses arrive as raw bytes for the hand-written decoder. */
export interface GnmiGrpcClient extends grpc.Client {
  Capabilities(
    req: object,
    md: grpc.Metadata,
    opts: grpc.CallOptions,
    cb: grpc.requestCallback<unknown>,
  ): grpc.ClientUnaryCall;
  Get(
    req: object,
    md: grpc.Metadata,
    opts: grpc.CallOptions,
    cb: grpc.requestCallback<unknown>,
  ): grpc.ClientUnaryCall;
  Set(
    req: object,
    md: grpc.Metadata,
    opts: grpc.CallOptions,
    cb: grpc.requestCallback<unknown>,
  ): grpc.ClientUnaryCall;
  Subscribe(md?: grpc.Metadata, opts?: grpc.CallOptions): grpc.ClientDuplexStream<object, Buffer>;
}

export function createGnmiClient(
  address: string,
  credentials: grpc.ChannelCredentials,
  options: grpc.ChannelOptions = {},
): GnmiGrpcClient {
  const service = gnmiDefinition()['gnmi.gNMI'] as grpc.ServiceDefinition;
  const raw: grpc.ServiceDefinition = {
    ...service,
    Subscribe: { ...service['Subscribe']!, responseDeserialize: (b: Buffer) => b },
  };
  const Ctor = grpc.makeGenericClientConstructor(raw, 'gNMI');
  return new Ctor(address, credentials, options) as unknown as GnmiGrpcClient;
}
