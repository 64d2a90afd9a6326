import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyJsonSchema } from './topology-schema';

describe('topology JSON Schema', () => {
  it('matches the committed topology/schema file (run scripts/write-topology-schema.mjs after a change)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(
        join(__dirname, '..', '..', '..', 'topology', 'schema', 'autonet-topology.schema.json'),
        'utf8',
      ),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(topologyJsonSchema())));
  });
});
