export { startGnmiServer } from './gnmi.server';
export type { GnmiServerHandle, GnmiServerOptions, GnmiServerStats } from './gnmi.server';
export { protoRoot } from './gnmi-proto.loader';
