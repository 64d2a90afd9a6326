import { INCIDENT_CLASSES } from '../incident';
import type { IncidentClass } from '../incident';
import { FEATURE_NAMES, FaultClassifier, LogisticModel, generateCampaign, loopClass } from '.';

/** A model that names `cls` with certainty whatever it sees. */
function always(cls: IncidentClass): FaultClassifier {
  const base = LogisticModel.train(generateCampaign({ seed: 2, rows: 90 }), { seed: 2, epochs: 1 }).toJson();
  return new FaultClassifier(
    LogisticModel.fromJson({
      ...base,
      weights: base.weights.map((r) => r.map(() => 0)),
      bias: INCIDENT_CLASSES.map((c) => (c === cls ? 20 : 0)),
    }),
  );
}

const vector = (fired: readonly string[]): number[] =>
  FEATURE_NAMES.map((n) => (fired.some((f) => n === `fired.${f}`) ? 1 : 0));

describe('loopClass (the classify step guard, offline)', () => {
  it('refuses crc on a loss symptom without error counters, and lets the rules decide', () => {
    expect(loopClass(always('crc'), vector(['loss']))).toBe('gray-loss');
    expect(loopClass(always('crc'), vector(['loss', 'errors']))).toBe('crc');
  });

  it('refuses a flap without transitions and a class no path symptom has', () => {
    expect(loopClass(always('flap'), vector(['latency']))).toBe('latency');
    expect(loopClass(always('flap'), vector(['latency', 'flap']))).toBe('flap');
    expect(loopClass(always('telemetry-gap'), vector(['loss']))).toBe('gray-loss');
  });

  it('does not guard counter-only findings', () => {
    expect(loopClass(always('congestion'), vector(['errors']))).toBe('congestion');
  });
});
