#!/usr/bin/env node
// Writes topology/schema/autonet-topology.schema.json from the zod schema the loader uses (one source of truth).
// A unit test fails when the committed file and the schema drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { topologyJsonSchema } = require('../dist/src/core/topology/topology-schema.js');
mkdirSync('topology/schema', { recursive: true });
writeFileSync(
  'topology/schema/autonet-topology.schema.json',
  `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`,
);
