import { fakeYanglint, type FakeYanglint } from './__fixtures__/fake-yanglint';
import { YanglintProcess, YanglintUnavailableError } from './yanglint.process';

describe('YanglintProcess limits', () => {
  let fake: FakeYanglint | undefined;
  let running: YanglintProcess | undefined;
  afterEach(() => {
    running?.close();
    fake?.remove();
  });

  function start(
    startDelayMs: number,
    limits: { timeoutMs: number; startTimeoutMs?: number },
  ): YanglintProcess {
    fake = fakeYanglint(startDelayMs);
    running = new YanglintProcess({ executable: fake.executable, home: fake.home, ...limits });
    return running;
  }

  it('waits for a slow start-up under its own limit, then holds each request to the per-request one', async () => {
    const yanglint = start(1000, { timeoutMs: 200, startTimeoutMs: 20_000 });
    await expect(yanglint.run('add autonet-intent.yang')).resolves.toBe('');
    await expect(yanglint.run('data doc.json')).resolves.toBe('');
    const hung = yanglint.run('hang');
    await expect(hung).rejects.toBeInstanceOf(YanglintUnavailableError);
    await expect(hung).rejects.toMatchObject({ reason: 'timeout', limit: 'request' });
    await expect(hung).rejects.toThrow(/200 ms \(per-request limit; raise it with --yang-timeout-ms/);
  }, 30_000);

  it('names the start-up limit, and how to raise it, when the first answer is late', async () => {
    const yanglint = start(5000, { timeoutMs: 20_000, startTimeoutMs: 200 });
    const first = yanglint.run('add autonet-intent.yang');
    await expect(first).rejects.toMatchObject({ reason: 'timeout', limit: 'start' });
    await expect(first).rejects.toThrow(/200 ms \(start-up limit: .*raise it with --yang-start-timeout-ms/);
    expect(yanglint.alive).toBe(false);
  }, 30_000);
});
