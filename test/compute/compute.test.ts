/* eslint-disable @typescript-eslint/no-unsafe-call -- supertest response bodies are untyped JSON */
import request from 'supertest';
import { WorkerThreadPool } from '../../src/adapters/compute';
import { ComputeService } from '../../src/app/compute';
import type { NetworkModel } from '../../src/app/intent';
import { PathEngine } from '../../src/core/pathcomp';
import type { PathQuery } from '../../src/core/pathcomp';
import { largeIsp, srlgQueries, startComputeApi } from './compute-harness';

type Started = Awaited<ReturnType<typeof startComputeApi>>;

const errorsOf = (body: unknown): Record<string, unknown>[] =>
  (body as { 'ietf-restconf:errors': { error: Record<string, unknown>[] } })['ietf-restconf:errors'].error;

async function until(ok: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('path computation off the event loop (issue 10 item 6)', () => {
  let network: NetworkModel;
  let heavy: PathQuery[];

  beforeAll(() => {
    network = largeIsp(1000);
    heavy = srlgQueries(network, 40);
  });

  describe('with one worker and no queue', () => {
    let api: Started;
    beforeAll(async () => {
      api = await startComputeApi(network, {
        budgetMs: 600_000,
        pool: new WorkerThreadPool({ size: 1, queueLimit: 0 }),
      });
    }, 60_000);
    afterAll(async () => api?.close());

    it('answers /health and a cheap GET while a large SRLG-disjoint batch runs, then the batch', async () => {
      const compute = api.app.get(ComputeService);
      const done: string[] = [];
      const expensive = request(api.http)
        .post('/api/v1/paths')
        .send({ queries: heavy })
        .then((r) => {
          done.push('paths');
          return r;
        });
      await until(() => compute.stats().busy === 1, 'the batch to start on the worker');
      const health = await request(api.http).get('/api/v1/health');
      done.push('health');
      const intents = await request(api.http).get('/api/v1/intents');
      done.push('intents');
      // a second heavy request finds the only worker busy and no queue: 503 with Retry-After, RFC 8040 body
      const busy = await request(api.http).post('/api/v1/paths').send(heavy[0]);
      done.push('busy');
      const paths = await expensive;

      expect(done).toEqual(['health', 'intents', 'busy', 'paths']);
      expect(health.status).toBe(200);
      expect(intents.status).toBe(200);
      expect(busy.status).toBe(503);
      expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(errorsOf(busy.body)[0]).toMatchObject({
        'error-tag': 'resource-denied',
        'error-app-tag': 'compute-busy',
      });
      expect(paths.status).toBe(200);
      expect(paths.body.results).toHaveLength(heavy.length);
      // the worker's answers are the engine's answers (no bandwidth asked, so the ledger does not matter)
      const engine = new PathEngine(network.topology, network.sids);
      for (const i of [0, 1, 2]) expect(paths.body.results[i]).toEqual(engine.compute(heavy[i]!));
      const metrics = (await request(api.http).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/^autonet_compute_jobs_refused_busy_total 1$/m);
      expect(api.unexpected).toEqual([]);
    }, 180_000);

    it('predicts a what-if on the pool', async () => {
      const link = [...network.topology.links()][0]!.id;
      const r = await request(api.http)
        .post('/api/v1/twin/what-if')
        .send({ failLinks: [link] });
      expect(r.status).toBe(200);
      expect(r.body.links.length).toBe([...network.topology.arcs()].length);
      expect(r.body.links.filter((l: { link: string; status: string }) => l.link === link)).toEqual(
        expect.arrayContaining([expect.objectContaining({ status: 'down' })]),
      );
    }, 120_000);
  });

  describe('with a tiny budget', () => {
    let api: Started;
    beforeAll(async () => {
      api = await startComputeApi(network, { budgetMs: 400, workers: 1 });
    }, 60_000);
    afterAll(async () => api?.close());

    it('answers 422 naming the stage reached and what was proven, and keeps serving', async () => {
      const r = await request(api.http).post('/api/v1/paths').send({ queries: heavy });
      expect(r.status).toBe(422);
      const [e] = errorsOf(r.body);
      expect(e).toMatchObject({
        'error-tag': 'operation-failed',
        'error-app-tag': 'compute-budget-exceeded',
      });
      expect(String(e!['error-message'])).toMatch(
        /budget of 400 ms; stage reached: (query|pair-search); \d+ of 40 queries answered/,
      );
      // the overrun worker was replaced: a cheap query still gets its answer
      const [a, b] = [...network.topology.nodes()].map((n) => n.id);
      const cheap = await request(api.http).post('/api/v1/paths').send({ from: a, to: b });
      expect(cheap.status).toBe(200);
      expect(cheap.body.results[0].ok).toBe(true);
      expect(api.app.get(ComputeService).stats()).toMatchObject({ overBudget: 1, replaced: 1 });
      // and an SRE sees it in /metrics
      const metrics = (await request(api.http).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/^autonet_compute_jobs_over_budget_total 1$/m);
      expect(metrics).toMatch(/^autonet_compute_workers_replaced_total 1$/m);
      expect(metrics).toMatch(/^autonet_compute_workers\{mode="worker-threads"\} 1$/m);
    }, 120_000);
  });
});
