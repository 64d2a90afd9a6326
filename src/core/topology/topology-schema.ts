import { z } from 'zod';
import { topologyDocumentSchema } from './topology-document';

/** JSON Schema (draft 2020-12) of the own topology format, derived from the zod schema the loader uses. */
export function topologyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(topologyDocumentSchema),
    $id: 'https://autonet.dev/schema/autonet-topology.schema.json',
    title: 'Autonet topology',
    description:
      'Nodes, physical links (bidirectional unless oneWay; reverse overrides the b→a direction) and optional demands. Units: capacity Mbit/s, delay µs; IGP and TE metrics are integers >= 1.',
  };
}
