import request from 'supertest';
import { YANG_VALIDATOR } from '../../src/ports/yang-validator.port';
import type { YangValidator } from '../../src/ports/yang-validator.port';
import { intentBody, startApi } from '../api/api-harness';
import type { Api } from '../api/api-harness';

/** `/health` tells the truth, `/ready` answers orchestrators, and an intent may be called `events`. */
describe('health, readiness and the `events` name', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it('fetches an intent named `events` as JSON; the stream still answers text/event-stream clients', async () => {
    await request(api.http).post('/api/v1/intents').send(intentBody('events')).expect(201);
    const res = await request(api.http)
      .get('/api/v1/intents/events')
      .set('accept', 'application/json')
      .expect(200);
    expect(res.body).toMatchObject({ name: 'events', status: 'deployed' });
    await request(api.http).delete('/api/v1/intents/events').expect(204);
  });

  it('reports the real state of store, validator, drivers and telemetry', async () => {
    const res = await request(api.http).get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: {
        store: { state: 'up' },
        validator: { state: 'up', restarts: 0 },
        drivers: { state: 'up' },
        telemetry: expect.objectContaining({ state: expect.any(String) }),
      },
    });
    await request(api.http).get('/api/v1/ready').expect(200);
  });

  it('notices a dead validator, restarts it and says so', async () => {
    const validator = api.app.get<YangValidator & { pid?: number }>(YANG_VALIDATOR);
    const pid = validator.pid as number;
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const res = await request(api.http).get('/api/v1/health').expect(200);
    expect(res.body.checks.validator).toMatchObject({ state: 'up', restarts: 1 });
    expect(validator.pid).not.toBe(pid);
  });

  it('answers 503 on health and readiness when the store cannot be read', async () => {
    api.store.close();
    const health = await request(api.http).get('/api/v1/health').expect(503);
    expect(health.body).toMatchObject({ status: 'failing', checks: { store: { state: 'down' } } });
    await request(api.http).get('/api/v1/ready').expect(503);
  });
});
