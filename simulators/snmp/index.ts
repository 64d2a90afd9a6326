export { startSnmpAgent, DEFAULT_V3_USER } from './snmp.agent';
export type { SnmpAgentHandle, SnmpAgentOptions, SnmpAgentStats, SnmpV3UserOptions } from './snmp.agent';
export type { TrapTarget } from './trap.sender';
