/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- supertest response bodies are untyped JSON */
import request from 'supertest';
import { intentBody, restconfErrors, startApi } from '../api/api-harness';
import type { Api } from '../api/api-harness';

/** The twin's REST contract (issue 8 item 6) on the real app with the in-process network. */
describe('twin API', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('GET /twin/state: one entry per link direction with the topology ids, nodes, policies and demands', async () => {
    await request(api.http).post('/api/v1/intents').send(intentBody('t1')).expect(201);
    const res = await request(api.http).get('/api/v1/twin/state').expect(200);
    const arcs = [...api.network.topology.arcs()];
    expect(res.body.links).toHaveLength(arcs.length);
    for (const l of res.body.links) {
      expect(Object.keys(l).sort()).toEqual(
        [
          'capacityMbps',
          'delayUs',
          'from',
          'link',
          'loadMbps',
          'lossPct',
          'reservedMbps',
          'stale',
          'status',
          'to',
          'utilisation',
        ].sort(),
      );
      expect(arcs.some((a) => a.link === l.link && a.from === l.from && a.to === l.to)).toBe(true);
    }
    expect(res.body.links.some((l: { reservedMbps: number }) => l.reservedMbps === 500)).toBe(true);
    expect(res.body.nodes).toHaveLength(api.network.topology.nodeCount);
    expect(res.body.policies.map((p: { intent: string }) => p.intent)).toEqual(['t1', 't1']);
    expect(res.body.demands).toEqual({ count: expect.any(Number), estimated: expect.any(Number) });
    expect(typeof res.body.at).toBe('number');
  });

  it('POST /twin/what-if predicts failures and added intents in the contract shape', async () => {
    const link = [...api.network.topology.links()][0]!.id;
    const res = await request(api.http)
      .post('/api/v1/twin/what-if')
      .send({
        failLinks: [link],
        demandScale: 1.5,
        addIntents: [intentBody('t2', { slo: { bandwidthMbps: 100 } })],
      })
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['changed', 'intents', 'links', 'maxUtilisation']);
    expect(
      res.body.links
        .filter((l: { link: string }) => l.link === link)
        .map((l: { status: string }) => l.status),
    ).toEqual(['down', 'down']);
    expect(res.body.intents.map((i: { name: string }) => i.name)).toEqual(['t1', 't2']);
    for (const i of res.body.intents)
      expect(Object.keys(i).sort()).toEqual(['delayUs', 'lossPct', 'name', 'sloOk', 'violations']);
    // nothing was admitted
    await request(api.http).get('/api/v1/intents/t2').expect(404);
    await request(api.http).post('/api/v1/twin/what-if').send({}).expect(200);
  });

  it.each([
    [{ failLinks: 'L1' }, '/failLinks'],
    [{ failLinks: [3] }, '/failLinks/0'],
    [{ failLinks: ['no-such-link'] }, '/failLinks/0'],
    [{ failNodes: ['Atlantis'] }, '/failNodes/0'],
    [{ failSrlgs: [1.5] }, '/failSrlgs/0'],
    [{ demandScale: -2 }, '/demandScale'],
    [{ removeIntents: ['ghost'] }, '/removeIntents/0'],
    [{ surprise: true }, '/surprise'],
  ])('refuses %j with an RFC 8040 error at %s', async (body, path) => {
    const res = await request(api.http).post('/api/v1/twin/what-if').send(body).expect(400);
    expect(restconfErrors(res.body)[0]!['error-path']).toBe(path);
  });

  it('refuses an added intent that is not a valid intent', async () => {
    const res = await request(api.http)
      .post('/api/v1/twin/what-if')
      .send({ addIntents: [{ name: 'x', kind: 'connectivity' }] })
      .expect(400);
    expect(restconfErrors(res.body).length).toBeGreaterThan(0);
  });

  it('GET /twin/forecast takes an ISO 8601 horizon and refuses a bad one', async () => {
    const res = await request(api.http).get('/api/v1/twin/forecast?horizon=PT6H').expect(200);
    expect(res.body).toMatchObject({ horizon: 'PT6H', ceiling: 0.85 });
    expect(Array.isArray(res.body.links) && Array.isArray(res.body.crossings)).toBe(true);
    await request(api.http).get('/api/v1/twin/forecast').expect(200);
    for (const h of ['6h', 'P', 'PT0S', 'P30D'])
      expect(
        restconfErrors(
          (await request(api.http).get(`/api/v1/twin/forecast?horizon=${h}`).expect(400)).body,
        )[0]!['error-path'],
      ).toBe('/horizon');
  });

  it('GET /topology gains each direction’s status and utilisation', async () => {
    const res = await request(api.http).get('/api/v1/topology').expect(200);
    for (const l of res.body.links)
      for (const d of l.directions) {
        expect(d.status).toBe('up');
        expect('utilisation' in d).toBe(true);
      }
  });
});
