import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PathEngine } from '../../src/core/pathcomp';
import type { PathQuery } from '../../src/core/pathcomp';
import { parseTopologyDocument, SidTable, TopologyGraph } from '../../src/core/topology';

/**
 * Golden cases for the path engine: test/golden/pathcomp/<case>/{topology.json,query.json,expected.json}.
 * Each expected.json was checked by hand (see the README there). To refresh after an intended change run
 * `UPDATE_GOLDEN=1 npx jest test/pathcomp/golden.test.ts` and review the diff before committing.
 */
const root = join(__dirname, '..', 'golden', 'pathcomp');
const update = process.env.UPDATE_GOLDEN === '1';
const read = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(root, dir, file), 'utf8'));

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('path engine golden cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(4));

  it.each(cases)('%s', (name) => {
    const topology = TopologyGraph.build(parseTopologyDocument(read(name, 'topology.json'), name));
    const engine = new PathEngine(topology, SidTable.allocate(topology));
    const actual = JSON.parse(
      JSON.stringify(engine.compute(read(name, 'query.json') as PathQuery)),
    ) as unknown;
    if (update) writeFileSync(join(root, name, 'expected.json'), `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(read(name, 'expected.json'));
  });
});
