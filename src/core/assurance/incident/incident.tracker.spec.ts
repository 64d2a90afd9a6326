import { arcId, linkId, nodeId } from '../../model/ids';
import type { ArcInfo, Signal } from '../observation';
import { EMPTY_TRACKER, reduceIncident, trackSignals, withIncident } from '.';
import type { TrackerOptions } from '.';

const arcs = new Map<string, ArcInfo>([
  ['A>B', { arc: arcId('A>B'), link: linkId('AB'), from: nodeId('A'), to: nodeId('B') }],
  ['B>A', { arc: arcId('B>A'), link: linkId('AB'), from: nodeId('B'), to: nodeId('A') }],
  ['C>D', { arc: arcId('C>D'), link: linkId('CD'), from: nodeId('C'), to: nodeId('D') }],
]);
const sig = (kind: Signal['kind'], at: number, arc: string): Signal => ({
  kind,
  atMs: at,
  arcs: [arcId(arc)],
  score: 9,
  detail: `${kind} on ${arc}`,
  evidence: {},
});
/** Classifier fake: crc when errors fired, else gray-loss; confidence grows with the evidence. */
const options: TrackerOptions = {
  windowMs: 30_000,
  clearIntervals: 3,
  arcs,
  classify: (s) => ({
    class: s.some((x) => x.kind === 'errors') ? 'crc' : 'gray-loss',
    confidence: Math.min(1, s.length / 4),
  }),
};

describe('incident tracker', () => {
  it('two signals on one link in successive intervals make one incident, re-classified as evidence grows', () => {
    const s1 = trackSignals(EMPTY_TRACKER, [sig('loss', 0, 'A>B')], 0, options);
    expect(s1.opened).toHaveLength(1);
    expect(s1.opened[0]).toMatchObject({ class: 'gray-loss', state: 'detected', detectedAt: 0 });
    expect(s1.opened[0]!.suspects).toEqual([{ kind: 'link', id: 'AB', probability: 1 }]);
    const s2 = trackSignals(s1.state, [sig('errors', 10_000, 'B>A')], 10_000, options);
    expect(s2.opened).toHaveLength(0);
    expect(s2.updated).toHaveLength(1);
    expect(s2.updated[0]).toMatchObject({ id: s1.opened[0]!.id, class: 'crc', confidence: 0.5 });
  });

  it('a fault elsewhere opens a second incident; each resolves after K quiet intervals', () => {
    let st = trackSignals(EMPTY_TRACKER, [sig('loss', 0, 'A>B'), sig('loss', 0, 'C>D')], 0, options);
    expect(st.opened).toHaveLength(2);
    const resolvedAt: number[] = [];
    for (let t = 1; t <= 4; t++) {
      const signals = t === 1 ? [sig('loss', t * 10_000, 'C>D')] : [];
      st = trackSignals(st.state, signals, t * 10_000, options);
      for (const r of st.resolved) resolvedAt.push(r.resolvedAt!);
    }
    expect(resolvedAt).toEqual([30_000, 40_000]);
    expect(st.state.open).toHaveLength(0);
  });

  it('does not re-classify an incident that is being repaired', () => {
    const s1 = trackSignals(EMPTY_TRACKER, [sig('loss', 0, 'A>B')], 0, options);
    const repairing = reduceIncident(s1.opened[0]!, {
      type: 'repair-started',
      at: 1,
      kind: 'reroute',
      detail: '',
    });
    const s2 = trackSignals(
      withIncident(s1.state, repairing),
      [sig('errors', 10_000, 'A>B')],
      10_000,
      options,
    );
    expect(s2.updated[0]).toMatchObject({ state: 'repairing', class: 'gray-loss' });
  });
});
