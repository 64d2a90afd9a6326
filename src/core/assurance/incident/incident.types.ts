/**
 * The incident as the assurance core models it. Field names and value sets are the issue 9 contract
 * (`GET /api/v1/incidents`): times are epoch ms of the network clock, `null` until the step happened.
 */

/** Fault classes, named as the simulator names its faults. */
export const INCIDENT_CLASSES = [
  'link-down',
  'node-down',
  'gray-loss',
  'latency',
  'flap',
  'crc',
  'congestion',
  'drift',
  'telemetry-gap',
] as const;
export type IncidentClass = (typeof INCIDENT_CLASSES)[number];

export const INCIDENT_STATES = [
  'detected',
  'located',
  'awaiting-approval',
  'repairing',
  'repaired',
  'resolved',
  'failed',
  'rolled-back',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface IncidentSuspect {
  readonly kind: 'link' | 'node' | 'policy';
  readonly id: string;
  readonly probability: number;
}

export interface IncidentAction {
  readonly at: number;
  readonly kind: string;
  readonly detail: string;
  readonly result: string;
}

export interface Incident {
  readonly id: string;
  readonly class: IncidentClass;
  readonly state: IncidentState;
  readonly detectedAt: number;
  readonly locatedAt: number | null;
  readonly repairedAt: number | null;
  readonly resolvedAt: number | null;
  readonly suspects: readonly IncidentSuspect[];
  readonly equivalenceClass: readonly string[];
  readonly affectedIntents: readonly string[];
  readonly evidence: readonly unknown[];
  readonly actions: readonly IncidentAction[];
  readonly confidence: number;
}

export const isIncidentClass = (s: string): s is IncidentClass =>
  (INCIDENT_CLASSES as readonly string[]).includes(s);
