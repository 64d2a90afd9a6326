export { startGnmiServer } from './gnmi.server';
export type { GnmiServerHandle, GnmiServerOptions, GnmiServerStats } from './gnmi.server';
export { protoRoot } from './gnmi-proto.loader';
/** The telemetry encoder and data tree, exported for benchmarks. */
export { GnmiWireEncoder } from './gnmi-wire.encoder';
export { collectLeaves } from './gnmi-tree';
