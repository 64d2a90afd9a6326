import fc from 'fast-check';
import { InvalidQueryError } from '../../errors';
import {
  DATASET_FORMAT,
  FEATURE_NAMES,
  datasetHeader,
  generateCampaign,
  parseDataset,
  splitBySeed,
  trainOnDataset,
} from '.';
import type { DatasetRow } from '.';

const header = JSON.stringify({
  format: DATASET_FORMAT,
  version: 1,
  features: FEATURE_NAMES,
  command: 'gen',
});
const zeros = FEATURE_NAMES.map(() => 0);
const line = (o: object): string =>
  JSON.stringify({ seed: 11, topology: 'Abilene', label: 'crc', features: zeros, ...o });

/** Synthetic rows dealt to campaign seeds nine at a time, one of each class (the trainer sees no more). */
function rowsOver(seeds: readonly number[], n: number): DatasetRow[] {
  return generateCampaign({ seed: 3, rows: n }).map((r, i) => ({
    seed: seeds[Math.floor(i / 9) % seeds.length]!,
    topology: 't',
    label: r.label,
    features: r.features,
  }));
}

const errorOf = (text: string): InvalidQueryError => {
  try {
    parseDataset(text);
  } catch (err) {
    return err as InvalidQueryError;
  }
  throw new Error('parsed');
};

describe('simulator dataset reader', () => {
  it('reads the header and rows, skipping blank lines', () => {
    const text = `${header}\n${line({ phase: 'open', loop: { class: 'gray-loss', source: 'rules' } })}\n\n${line({ seed: 12, label: 'latency' })}\n`;
    const rows = parseDataset(text);
    expect(rows.map((r) => [r.seed, r.label])).toEqual([
      [11, 'crc'],
      [12, 'latency'],
    ]);
    expect(rows[0]!.features).toHaveLength(FEATURE_NAMES.length);
    expect(rows[0]!.loop).toEqual({ class: 'gray-loss', source: 'rules' });
    expect(datasetHeader(text)?.['command']).toBe('gen');
  });

  it.each([
    ['not JSON', '{"seed":'],
    ['an unknown label', line({ label: 'gremlins' })],
    ['a short feature vector', line({ features: [1, 2] })],
    ['a non-numeric feature', line({ features: zeros.map((_, i) => (i === 3 ? 'x' : 0)) })],
    ['a fractional seed', line({ seed: 1.5 })],
    ['a missing seed', JSON.stringify({ label: 'crc', features: zeros })],
  ])('names the line of %s', (_what, bad) => {
    const err = errorOf(`${header}\n${line({})}\n${bad}\n${line({})}`);
    expect(err).toBeInstanceOf(InvalidQueryError);
    expect(err.message).toMatch(/line 3\b/);
  });

  it('refuses a dataset whose header lists other features than this build', () => {
    const old = JSON.stringify({ format: DATASET_FORMAT, features: FEATURE_NAMES.slice(1) });
    expect(errorOf(`${old}\n${line({})}`).message).toMatch(/line 1\b/);
  });
});

describe('split by seed', () => {
  it('never splits a seed: every seed lies wholly on one side, and both sides have rows', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 8, max: 20 }), { minLength: 2, maxLength: 60 }), (seeds) => {
        fc.pre(new Set(seeds).size >= 2);
        const rows = seeds.map((seed, i) => ({ seed, topology: 't', label: 'crc' as const, features: [i] }));
        const s = splitBySeed(rows);
        const train = new Set(s.train.map((r) => r.seed));
        const held = new Set(s.heldOut.map((r) => r.seed));
        expect([...train].filter((x) => held.has(x))).toEqual([]);
        expect(s.train.length + s.heldOut.length).toBe(rows.length);
        expect(s.train.length).toBeGreaterThan(0);
        expect(s.heldOut.length).toBeGreaterThan(0);
        // the default holds out the largest seeds
        expect(Math.min(...held)).toBeGreaterThan(Math.max(...train));
      }),
    );
  });

  it('holds out the seeds it is told, and refuses a seed with no rows or a split with no training seed', () => {
    const rows = rowsOver([11, 12, 13], 90);
    expect(splitBySeed(rows, [11]).heldOutSeeds).toEqual([11]);
    expect(() => splitBySeed(rows, [99])).toThrow(InvalidQueryError);
    expect(() => splitBySeed(rows, [11, 12, 13])).toThrow(InvalidQueryError);
    expect(() => splitBySeed(rowsOver([11], 9))).toThrow(InvalidQueryError);
  });
});

describe('training on a dataset', () => {
  it('scores only the held-out seeds, on rows the model never trained on', () => {
    const rows = rowsOver([11, 12, 13, 14], 1_800);
    // the held-out seed's rows carry a label no training row has: any leak into training would learn it
    const poisoned = rows.map((r) => (r.seed === 14 ? { ...r, label: 'drift' as const } : r));
    const clean = poisoned.filter((r) => r.seed === 14 || r.label !== 'drift');
    const run = trainOnDataset(clean, { seed: 1 });
    expect(run.heldOutSeeds).toEqual([14]);
    expect(run.trainSeeds).toEqual([11, 12, 13]);
    expect(run.learned.rows).toBe(clean.filter((r) => r.seed === 14).length);
    expect(run.trainRows + run.learned.rows).toBe(clean.length);
    expect(run.learned.accuracy).toBeLessThan(0.2);
    expect(run.rules.rows).toBe(run.learned.rows);
  });

  it('learns the classes on held-out seeds and scores a compared model on the same rows', () => {
    const rows = rowsOver([11, 12, 13], 2_700);
    const first = trainOnDataset(rows, { seed: 1, heldOutSeeds: [12] });
    expect(first.learned.accuracy).toBeGreaterThan(0.85);
    const run = trainOnDataset(rows, { seed: 2, heldOutSeeds: [12], compare: first.model });
    expect(run.compared?.learned.rows).toBe(run.learned.rows);
    expect(run.compared?.learned.accuracy).toBe(first.learned.accuracy);
  });

  it('augments only the classes the training rows lack, and only on the training side', () => {
    const rows = rowsOver([11, 12, 13], 1_800).filter((r) => r.label !== 'drift' && r.label !== 'flap');
    const plain = trainOnDataset(rows, { seed: 1, heldOutSeeds: [13] });
    const run = trainOnDataset(rows, { seed: 1, heldOutSeeds: [13], augment: 50 });
    expect(run.augmented).toEqual({ drift: 50, flap: 50 });
    expect(run.trainRows).toBe(plain.trainRows + 100);
    expect(run.learned.rows).toBe(plain.learned.rows);
    expect(plain.augmented).toEqual({});
  });
});
