export { SnmpNeDriver, DEFAULT_SAMPLE_INTERVAL_MS } from './snmp.driver';
export type { SnmpDriverOptions } from './snmp.driver';
export type { SnmpTargetConfig, SnmpV3Credentials } from './snmp-session';
export { SnmpTrapReceiver } from './trap-receiver';
export type { LinkTrapEvent, TrapReceiverStats, TrapV3User } from './trap-receiver';
