import type { LoopObservation, ObservedLink, ObservedPath } from '../assurance-engine';
import { coreInputs } from './observation.convert';

const link = (
  arc: string,
  utilisation: number | undefined,
  extra: Partial<ObservedLink> = {},
): ObservedLink => ({
  link: arc.slice(0, 3),
  arc,
  from: arc[0]!,
  to: arc[2]!,
  status: 'up',
  ...(utilisation !== undefined && { utilisation }),
  stale: false,
  ...extra,
});

/** A path over A>B then, split by ECMP, 3/4 over B>C and 1/4 over B>D. */
const path: ObservedPath = {
  id: 'A/p1',
  headend: 'A',
  policy: 'p1',
  probeOnly: false,
  links: [
    { link: 'A-B', arc: 'A>B', to: 'B', share: 1 },
    { link: 'B-C', arc: 'B>C', to: 'C', share: 0.75 },
    { link: 'B-D', arc: 'B>D', to: 'D', share: 0.25 },
  ],
  nodes: ['A', 'B', 'C', 'D'],
  probesSent: 1000,
  probesLost: 0,
  delayUs: 1234,
  jitterUs: 5,
};

function obs(links: ObservedLink[]): LoopObservation {
  return { at: 1000, intervalMs: 1000, links, nodes: [], paths: [path], drift: [], silent: [] };
}

const delay = (): number => 100;
/** Queueing: 1,000 µs × utilisation (a stand-in for the link model). */
const queue = (_arc: string, u: number): number => 1000 * u;

// ADR 0173: the row's link-model delay, what the latency detector carries across a move
describe('coreInputs: the link-model delay of a row', () => {
  const all = [link('A>B', 0.1), link('B>C', 0.2), link('B>D', 0.4)];

  it('sums propagation and queueing at the measured utilisation, share-weighted', () => {
    const [row] = coreInputs(obs(all), delay, queue).rows;
    expect(row!.nominalUs).toBeCloseTo(200, 9);
    // 200 + 100 + 0.75 × 200 + 0.25 × 400
    expect(row!.modelUs).toBeCloseTo(550, 9);
  });

  it('leaves it out without the model, or when a link of the path has no fresh utilisation', () => {
    expect(coreInputs(obs(all), delay).rows[0]!.modelUs).toBeUndefined();
    const stale = [all[0]!, link('B>C', 0.2, { stale: true }), all[2]!];
    expect(coreInputs(obs(stale), delay, queue).rows[0]!.modelUs).toBeUndefined();
    const down = [all[0]!, all[1]!, link('B>D', 0.4, { status: 'down' })];
    expect(coreInputs(obs(down), delay, queue).rows[0]!.modelUs).toBeUndefined();
    const unknown = [all[0]!, link('B>C', undefined), all[2]!];
    expect(coreInputs(obs(unknown), delay, queue).rows[0]!.modelUs).toBeUndefined();
    // the nominal delay needs no utilisation
    expect(coreInputs(obs(unknown), delay, queue).rows[0]!.nominalUs).toBeCloseTo(200, 9);
  });
});
