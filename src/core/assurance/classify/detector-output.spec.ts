import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arcId, linkId, nodeId } from '../../model/ids';
import { CounterDetector, HardEventDetector, LossDetector } from '../detect';
import { arcsOf, binomial, mulberry32, rowOf } from '../detect/sampling.fixture';
import type { LinkObservation, NodeObservation, PathRow, ProbeObservation, Signal } from '../observation';
import { FaultClassifier, LogisticModel, extractFeatures, loopClass } from '.';

/**
 * The shipped model on what the real detectors emit: hand-made faults through the detectors classify right,
 * by the model itself, or, where the model extrapolates, by the loop's decision (`loopClass`).
 */
const model = LogisticModel.fromJson(
  JSON.parse(readFileSync(join(__dirname, '../../../../models/fault-classifier.json'), 'utf8')) as unknown,
);
const classifier = new FaultClassifier(model);

const arcs = arcsOf([
  ['A', 'B'],
  ['B', 'C'],
  ['B', 'D'],
]);
const link = (arc: string, patch: Partial<LinkObservation> = {}): LinkObservation => ({
  arc: arcId(arc),
  link: linkId(arcs.find((a) => a.arc === arc)!.link),
  atMs: 0,
  up: true,
  utilisation: 0.2,
  stale: false,
  ...patch,
});
const nodes = (silent?: string): NodeObservation[] =>
  ['A', 'B', 'C', 'D'].map((n) => ({
    node: nodeId(n),
    atMs: 0,
    status: n === silent ? 'unknown' : 'up',
    silent: n === silent,
  }));
const hard = (links: LinkObservation[], silent?: string): Signal[] =>
  new HardEventDetector(arcs).update(0, links, nodes(silent));

describe('shipped classifier on real detector output', () => {
  it('link-down', () => {
    const s = hard(arcs.map((a) => link(a.arc, a.link === 'B-C' ? { up: false } : {})));
    expect(classifier.classify(s)).toMatchObject({ class: 'link-down', source: 'model' });
  });

  it('node-down seen through silence and down neighbours', () => {
    const s = hard(
      arcs.map((a) =>
        a.from === 'B'
          ? link(a.arc, { stale: true, up: null })
          : a.to === 'B'
            ? link(a.arc, { up: false })
            : link(a.arc),
      ),
      'B',
    );
    expect(classifier.classify(s)).toMatchObject({ class: 'node-down', source: 'model' });
  });

  it('telemetry gap: silent NE whose neighbours still see it up', () => {
    const s = hard(
      arcs.map((a) => (a.from === 'B' ? link(a.arc, { stale: true, up: null }) : link(a.arc))),
      'B',
    );
    expect(classifier.classify(s)).toMatchObject({ class: 'telemetry-gap', source: 'model' });
  });

  it('crc from sustained FCS errors; congestion from discards on a full link', () => {
    const d = new CounterDetector();
    for (let i = 0; i < 60; i++)
      d.update(i * 1000, [link('A>B', { atMs: i * 1000, inFcsErrorsPs: 0, outDiscardsPs: 0 })]);
    const crc = [60, 61, 62].flatMap((i) =>
      d.update(i * 1000, [link('A>B', { atMs: i * 1000, inFcsErrorsPs: 40 })]),
    );
    expect(crc.map((x) => x.kind)).toEqual(['errors']);
    expect(classifier.classify(crc)).toMatchObject({ class: 'crc' });
    const c = new CounterDetector();
    for (let i = 0; i < 60; i++) c.update(i * 1000, [link('A>B', { atMs: i * 1000, outDiscardsPs: 2 })]);
    const full = [60, 61, 62].flatMap((i) =>
      c.update(i * 1000, [link('A>B', { atMs: i * 1000, outDiscardsPs: 5000, utilisation: 1 })]),
    );
    expect(full.map((x) => x.kind)).toEqual(['discards']);
    expect(classifier.classify(full, { maxUtilisation: 1 })).toMatchObject({ class: 'congestion' });
  });

  it('gray loss: 1 % on one arc through the pooled binomial detector, no counters', () => {
    const rng = mulberry32(3);
    const rows: PathRow[] = [
      rowOf('p1', ['A', 'B', 'C', 'D']),
      rowOf('p2', ['B', 'C', 'D']),
      rowOf('p3', ['A', 'B']),
    ];
    const probe = (at: number, lossy: boolean): ProbeObservation[] =>
      rows.map((r) => ({
        headend: r.headend,
        policy: r.policy,
        atMs: at,
        probesSent: 1000,
        probesLost: binomial(rng, 1000, lossy && r.arcs.some((a) => a.arc === 'C>D') ? 0.01 : 1e-4),
        delayUs: 1000,
        jitterUs: 10,
      }));
    const d = new LossDetector();
    for (let i = 0; i < 200; i++) d.update(i * 1000, rows, probe(i * 1000, false));
    const s = [200, 201, 202].flatMap((i) => d.update(i * 1000, rows, probe(i * 1000, true)));
    expect(s.length).toBeGreaterThan(0);
    // Trained on simulator campaigns, the model may call a 1 % loss without counters crc: in them a CRC
    // fault's first incident often opens before its error counters alarm, at a lower loss rate than the
    // campaign's gray losses. The loop refuses crc without error counters, and the rules say gray loss.
    expect(loopClass(classifier, extractFeatures(s, { maxUtilisation: 0.3 }))).toBe('gray-loss');
  });
});
