import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryNeDriver } from '../../src/adapters/drivers/memory';
import { SqliteIntentStore } from '../../src/adapters/store';
import { createControllerApp } from '../../src/api/server';
import type { NetworkModel } from '../../src/app/intent';
import { loadTopology } from '../../src/cli/load-topology';
import { loadConfig, packageRoot } from '../../src/config';
import { SidTable, TopologyGraph } from '../../src/core/topology';
import type { LinkInput } from '../../src/core/topology';

export function abilene(): NetworkModel {
  const topology = loadTopology(join(packageRoot(), 'topology', 'abilene.json'));
  return { topology, sids: SidTable.allocate(topology) };
}

/** P1 — X — Y — P2 where X–Y is the only way across: a single bottleneck of `cap` Mbit/s each way. */
export function bottleneck(cap: number): NetworkModel {
  const d = (c: number) => ({ capacityMbps: c, delayUs: 100, igpMetric: 10 });
  const link = (id: string, a: string, b: string, c: number): LinkInput => ({ id, a, b, ab: d(c), ba: d(c) });
  const topology = TopologyGraph.build({
    name: 'bottleneck',
    nodes: ['P1', 'X', 'Y', 'P2'].map((id) => ({ id })),
    links: [link('P1-X', 'P1', 'X', 100_000), link('X-Y', 'X', 'Y', cap), link('Y-P2', 'Y', 'P2', 100_000)],
  });
  return { topology, sids: SidTable.allocate(topology) };
}

/** The real controller app (SQLite in a temp dir, libyang, in-process network), not listening on a port. */
export async function startApi(network: NetworkModel = abilene()) {
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-api-'));
  // --auth none (loopback only) and no rate limit: these tests are about the API's behaviour, not its
  // access control, which test/security covers
  const config = loadConfig({}, { dataDir, logLevel: 'silent', auth: 'none', rateLimitPerMinute: 0 });
  const store = SqliteIntentStore.open({ dataDir });
  const driver = new MemoryNeDriver(network.topology, network.sids);
  const unexpected: unknown[] = [];
  const { app } = await createControllerApp({ config, network, store, driver }, (e) => unexpected.push(e));
  return {
    app,
    http: app.getHttpServer(),
    store,
    driver,
    network,
    unexpected,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Api = Awaited<ReturnType<typeof startApi>>;

export const intentBody = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  kind: 'connectivity',
  endpoints: { a: 'NewYork', b: 'LosAngeles' },
  slo: { bandwidthMbps: 500, maxDelayUs: 40000 },
  sle: { protection: 'link-disjoint', isolation: 'shared' },
  priority: 3,
  ...over,
});

/** The RFC 8040 error list of a response body. */
export const restconfErrors = (body: unknown): Record<string, unknown>[] =>
  (body as { 'ietf-restconf:errors': { error: Record<string, unknown>[] } })['ietf-restconf:errors'].error;
