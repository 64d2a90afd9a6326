import type { LoopOptions } from './assurance.loop';

export interface AssuranceOptions extends LoopOptions {
  /** How often (real time) the loop checks whether the network clock moved one interval. */
  readonly pollMs: number;
  /** Start the loop at application bootstrap (default true). */
  readonly autoStart?: boolean;
}

export const ASSURANCE_OPTIONS = Symbol('AssuranceOptions');
/** The TelemetryTap instance that the telemetry module fans points out to. */
export const ASSURANCE_TAP = Symbol('AssuranceTap');
/** The AvoidanceRegistry shared by the loop and the path engine factory. */
export const ASSURANCE_AVOIDANCE = Symbol('AssuranceAvoidance');
