import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryNeDriver } from '../../src/adapters/drivers/memory';
import { SqliteIntentStore } from '../../src/adapters/store';
import { createControllerApp } from '../../src/api/server';
import type { NetworkModel } from '../../src/app/intent';
import { loadConfig } from '../../src/config';
import type { PathQuery } from '../../src/core/pathcomp';
import { SidTable, TopologyGraph } from '../../src/core/topology';
import { Prng, generateTopology } from '../../src/core/topology/generators';
import type { ComputePool } from '../../src/ports/compute-pool.port';

/** A generated 1,000-node ISP network with shared-risk conduits (SRLGs), seeded. */
export function largeIsp(nodes = 1000): NetworkModel {
  const topology = TopologyGraph.build(generateTopology('isp', { nodes, seed: 7 }));
  return { topology, sids: SidTable.allocate(topology) };
}

/** `count` seeded SRLG-disjoint queries (delay-bounded, partial allowed): the engine's expensive case. */
export function srlgQueries(network: NetworkModel, count: number, seed = 3): PathQuery[] {
  const ids = [...network.topology.nodes()].map((n) => n.id);
  const rng = new Prng(seed);
  const out: PathQuery[] = [];
  while (out.length < count) {
    const from = ids[rng.int(ids.length)]!;
    const to = ids[rng.int(ids.length)]!;
    if (from === to) continue;
    out.push({
      id: `q${out.length}`,
      from,
      to,
      disjoint: 'srlg',
      maxDelayUs: 200_000,
      allowPartialDisjoint: true,
    });
  }
  return out;
}

/** The real controller app with the given compute settings (SQLite in a temp dir, libyang, memory network). */
export async function startComputeApi(
  network: NetworkModel,
  compute: { budgetMs?: number; workers?: number; pool?: ComputePool },
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'autonet-compute-'));
  const config = loadConfig(
    {},
    {
      dataDir,
      logLevel: 'silent',
      auth: 'none',
      rateLimitPerMinute: 0,
      bodyLimitBytes: 8 * 1024 * 1024,
      ...(compute.budgetMs !== undefined && { computeBudgetMs: compute.budgetMs }),
      ...(compute.workers !== undefined && { computeWorkers: compute.workers }),
    },
  );
  const store = SqliteIntentStore.open({ dataDir });
  const driver = new MemoryNeDriver(network.topology, network.sids);
  const unexpected: unknown[] = [];
  const { app } = await createControllerApp(
    { config, network, store, driver, ...(compute.pool && { compute: compute.pool }) },
    (e) => unexpected.push(e),
  );
  return {
    app,
    http: app.getHttpServer(),
    unexpected,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
