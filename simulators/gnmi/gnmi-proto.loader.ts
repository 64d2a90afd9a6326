import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** Finds the repository's proto/ folder from here (works from sources and from dist/). */
export function protoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'proto', 'gnmi', 'gnmi.proto'))) return join(dir, 'proto');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('gnmi: proto/gnmi/gnmi.proto not found above ' + from);
    dir = parent;
  }
}

let cached: protoLoader.PackageDefinition | undefined;

/**
 * The gNMI package as the server sees it: 64-bit numbers as decimal strings (never JS numbers), enums by
 * name, defaults filled in, oneof discriminators present.
 */
export function gnmiPackageDefinition(): protoLoader.PackageDefinition {
  cached ??= protoLoader.loadSync('gnmi/gnmi.proto', {
    includeDirs: [protoRoot()],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return cached;
}

/** The gNMI service definition, with Subscribe responses passed through as pre-encoded bytes. */
export function gnmiServiceDefinition(): grpc.ServiceDefinition {
  const service = gnmiPackageDefinition()['gnmi.gNMI'] as grpc.ServiceDefinition;
  const subscribe = service['Subscribe'];
  if (subscribe === undefined) throw new Error('gnmi: Subscribe missing from gnmi.proto');
  return {
    ...service,
    Subscribe: { ...subscribe, responseSerialize: (value: unknown) => value as Buffer },
  };
}
