import { join } from 'node:path';
import { WorkerThreadPool } from './worker-thread.pool';

const script = join(__dirname, '__fixtures__', 'test.worker.ts');

describe('WorkerThreadPool', () => {
  let pool: WorkerThreadPool | undefined;
  const make = (size: number, queueLimit: number): WorkerThreadPool => {
    pool = new WorkerThreadPool({ size, queueLimit, script });
    pool.load({ version: 1, payload: { net: 'v1' } });
    return pool;
  };
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('runs a job against the network loaded once per version, not per job', async () => {
    const p = make(1, 4);
    const a = await p.run({ kind: 'echo', payload: 1 }, 30_000);
    const b = await p.run({ kind: 'echo', payload: 2 }, 30_000);
    expect(a).toMatchObject({ ok: true, value: { payload: 1, network: { net: 'v1' }, loads: 1 } });
    expect(b).toMatchObject({ ok: true, value: { payload: 2, loads: 1 } });
    p.load({ version: 2, payload: { net: 'v2' } });
    const c = await p.run({ kind: 'echo', payload: 3 }, 30_000);
    expect(c).toMatchObject({ ok: true, value: { network: { net: 'v2' }, loads: 2 } });
  }, 60_000);

  it('stops a job over its budget with its last progress, and replaces the worker', async () => {
    const p = make(1, 4);
    const spun = await p.run({ kind: 'spin', payload: null }, 300);
    expect(spun).toEqual({
      ok: false,
      reason: 'budget',
      budgetMs: 300,
      progress: { stage: 'spinning', detail: 'spun up, never finishing', done: 1, total: 2 },
    });
    expect(p.stats()).toMatchObject({ overBudget: 1, replaced: 1, busy: 0 });
    // the replacement has the current network
    const after = await p.run({ kind: 'echo', payload: 'x' }, 30_000);
    expect(after).toMatchObject({ ok: true, value: { network: { net: 'v1' }, loads: 1 } });
  }, 60_000);

  it('answers a job whose worker dies and replaces the worker', async () => {
    const p = make(1, 4);
    const crashed = await p.run({ kind: 'crash', payload: null }, 30_000);
    expect(crashed).toMatchObject({ ok: false, reason: 'failed' });
    expect((crashed as { message: string }).message).toMatch(/exited with code 3/);
    expect(p.stats()).toMatchObject({ failed: 1, replaced: 1 });
    expect(await p.run({ kind: 'echo', payload: 'y' }, 30_000)).toMatchObject({ ok: true });
  }, 60_000);

  it('reports a job that throws as failed and keeps the worker', async () => {
    const p = make(1, 4);
    expect(await p.run({ kind: 'throw', payload: null }, 30_000)).toEqual({
      ok: false,
      reason: 'failed',
      message: 'bad job',
    });
    expect(p.stats()).toMatchObject({ failed: 1, replaced: 0 });
  }, 60_000);

  it('refuses as busy when every worker is busy and the queue is full, then drains the queue', async () => {
    const p = make(1, 1);
    const running = p.run({ kind: 'sleep', payload: 1500 }, 30_000);
    const queued = p.run({ kind: 'echo', payload: 'queued' }, 30_000);
    const refused = await p.run({ kind: 'echo', payload: 'refused' }, 30_000);
    expect(refused).toMatchObject({ ok: false, reason: 'busy', queued: 1 });
    expect((refused as { retryAfterS: number }).retryAfterS).toBeGreaterThanOrEqual(1);
    expect(await running).toMatchObject({ ok: true, value: 'slept' });
    expect(await queued).toMatchObject({ ok: true, value: { payload: 'queued' } });
    expect(p.stats()).toMatchObject({ refusedBusy: 1, completed: 2, queued: 0 });
  }, 60_000);

  it('spreads jobs over its workers: a spinning job does not hold up the others', async () => {
    const p = make(2, 0);
    const spin = p.run({ kind: 'spin', payload: null }, 2_000);
    const echo = await p.run({ kind: 'echo', payload: 'free' }, 30_000);
    expect(echo).toMatchObject({ ok: true });
    expect(p.stats().busy).toBe(1);
    expect(await spin).toMatchObject({ reason: 'budget' });
  }, 60_000);

  it('fails jobs against a network that did not load, with the reason, until a good one is loaded', async () => {
    const p = make(1, 4);
    p.load({ version: 2, payload: { bad: true } });
    const r = await p.run({ kind: 'echo', payload: 1 }, 30_000);
    expect(r).toMatchObject({ ok: false, reason: 'failed' });
    expect((r as { message: string }).message).toMatch(
      /network version 2 failed to load: unreadable network/,
    );
    p.load({ version: 3, payload: { net: 'v3' } });
    expect(await p.run({ kind: 'echo', payload: 2 }, 30_000)).toMatchObject({
      ok: true,
      value: { network: { net: 'v3' } },
    });
  }, 60_000);

  it('answers queued and running jobs when closed', async () => {
    const p = make(1, 2);
    const running = p.run({ kind: 'spin', payload: null }, 60_000);
    const queued = p.run({ kind: 'echo', payload: 1 }, 60_000);
    await p.close();
    expect(await running).toMatchObject({ ok: false, reason: 'failed', message: 'compute pool closed' });
    expect(await queued).toMatchObject({ ok: false, reason: 'failed' });
    expect(await p.run({ kind: 'echo', payload: 2 }, 1000)).toMatchObject({ ok: false, reason: 'failed' });
  }, 60_000);
});
