export { GnmiNeDriver } from './gnmi.driver';
export type { GnmiDriverOptions } from './gnmi.driver';
export { GnmiWireDecoder } from './gnmi-wire.decoder';
export { notificationToSamples, policyFromJson, policyToJson } from './gnmi.mapping';
export type { GnmiNotification, GnmiSubscribeResponse } from './gnmi-wire.types';
export { gnmiChannelCredentials } from './gnmi-credentials';
export type { GnmiTlsOptions, GnmiUserCredentials } from './gnmi-credentials';
