import type { Provider } from '@nestjs/common';
import type { LogisticModel } from '../../core/assurance/classify';
import { POLICY_OWNERS } from '../intent';
import type { NetworkModel } from '../intent';
import { ASSURANCE_ENGINE } from './assurance-engine';
import type { AssuranceEngine } from './assurance-engine';
import type { AutonomyLevel } from './assurance.loop';
import { AssuranceService } from './assurance.service';
import { ASSURANCE_AVOIDANCE, ASSURANCE_OPTIONS, ASSURANCE_TAP } from './assurance.tokens';
import type { AssuranceOptions } from './assurance.tokens';
import { AvoidanceRegistry } from './avoidance.registry';
import { CoreAssuranceEngine } from './core.engine';
import { DEFAULT_GUARDRAILS } from './guardrails';
import { TelemetryTap } from './telemetry-tap';

export interface AssuranceSettings {
  readonly autonomy: AutonomyLevel;
  /** The telemetry interval asked of the NEs (network clock). */
  readonly intervalMs: number;
  readonly engine?: AssuranceEngine;
  readonly autoStart?: boolean;
  /**
   * The learned fault classifier read at start by the composition root (models/fault-classifier.json);
   * null or absent: the engine classifies by rules only.
   */
  readonly faultModel?: LogisticModel | null;
  /** Model confidence below which the rules decide (default DEFAULT_CONFIDENCE_THRESHOLD, 0.6). */
  readonly classifierThreshold?: number;
}

/**
 * What the app module binds for the closed loop: the telemetry tap (add it to the telemetry sinks), the
 * avoidance registry (wrap the path engine factory with `avoidingEngineFactory`), and the providers.
 */
export function assuranceWiring(settings: AssuranceSettings, network: NetworkModel) {
  const tap = new TelemetryTap();
  const avoidance = new AvoidanceRegistry();
  const options: AssuranceOptions = {
    autonomy: settings.autonomy,
    intervalMs: settings.intervalMs,
    verifyIntervals: 3,
    clearIntervals: 3,
    probeIntervals: 2,
    driftEveryIntervals: 2,
    silentAfterIntervals: 3,
    guardrails: DEFAULT_GUARDRAILS,
    pollMs: 50,
    ...(settings.autoStart !== undefined && { autoStart: settings.autoStart }),
  };
  const providers: Provider[] = [
    { provide: ASSURANCE_OPTIONS, useValue: options },
    { provide: ASSURANCE_TAP, useValue: tap },
    { provide: ASSURANCE_AVOIDANCE, useValue: avoidance },
    {
      provide: ASSURANCE_ENGINE,
      useValue:
        settings.engine ??
        new CoreAssuranceEngine(network.topology, settings.intervalMs, {
          model: settings.faultModel ?? null,
          ...(settings.classifierThreshold !== undefined && { threshold: settings.classifierThreshold }),
        }),
    },
    AssuranceService,
    // its probe-only policies are not orphans to the intent reconciler
    { provide: POLICY_OWNERS, useExisting: AssuranceService },
  ];
  return { tap, avoidance, providers };
}
