import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArcId } from '../../src/core/model/ids';
import { SegmentEncoder } from '../../src/core/pathcomp';
import { parseTopologyDocument, SidTable, TopologyGraph } from '../../src/core/topology';

/**
 * Golden segment-list cases for the encoder alone (test/golden/pathcomp/<case>/segments/, beside the path
 * engine's case files in <case>/): input.json names a topology and paths (arc ids, optional msd); expected.json
 * holds the hand-checked encodings (see input.json's comment). `UPDATE_GOLDEN=1` rewrites expected.json:
 * review the diff.
 */
const CASES = ['ecmp-trap/segments'];
const ROOT = join(__dirname, '../golden/pathcomp');

interface GoldenInput {
  topology: string;
  cases: { name: string; arcs: string[]; msd?: number }[];
}

describe.each(CASES)('segment-list golden case %s', (name) => {
  const dir = join(ROOT, name);
  const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as GoldenInput;
  const doc: unknown = JSON.parse(readFileSync(join(dir, input.topology), 'utf8'));
  const topology = TopologyGraph.build(parseTopologyDocument(doc, input.topology));
  const encoder = new SegmentEncoder(topology, SidTable.allocate(topology));
  const actual = Object.fromEntries(
    input.cases.map((c) => {
      const res = encoder.encode(c.arcs as ArcId[], c.msd === undefined ? {} : { msd: c.msd });
      return [c.name, res.ok ? res : { ok: false, minimumDepth: res.minimumDepth }];
    }),
  );
  if (process.env.UPDATE_GOLDEN === '1')
    writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(actual, null, 2)}\n`);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;

  it.each(input.cases.map((c) => c.name))('%s', (caseName) => {
    expect(actual[caseName]).toEqual(expected[caseName]);
  });
});
