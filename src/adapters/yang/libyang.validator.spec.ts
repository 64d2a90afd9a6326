import { join } from 'node:path';
import { fakeYanglint, type FakeYanglint } from './__fixtures__/fake-yanglint';
import { LibyangValidator } from './libyang.validator';

const YANG_DIR = join(__dirname, '..', '..', '..', 'yang');

describe('LibyangValidator start-up', () => {
  let fake: FakeYanglint | undefined;
  let validator: LibyangValidator | undefined;
  afterEach(() => {
    validator?.close();
    fake?.remove();
  });

  it('gives loading the modules far longer than one validation by default', async () => {
    fake = fakeYanglint(1000); // slower to start than the per-request limit below
    validator = await LibyangValidator.start({
      yangDir: YANG_DIR,
      executable: fake.executable,
      timeoutMs: 200,
    });
    expect(validator.status()).toMatchObject({ state: 'up', restarts: 0 });
    await expect(validator.validate({})).resolves.toEqual([]);
  }, 30_000);

  it('fails to start once its start-up limit is spent', async () => {
    fake = fakeYanglint(5000);
    const start = LibyangValidator.start({
      yangDir: YANG_DIR,
      executable: fake.executable,
      timeoutMs: 20_000,
      startTimeoutMs: 200,
    }).then((started) => (validator = started)); // closed by afterEach should it start after all
    await expect(start).rejects.toMatchObject({ reason: 'timeout', limit: 'start' });
  }, 30_000);
});
