/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- proto-loader messages are untyped wire objects */
import * as grpc from '@grpc/grpc-js';
import { startGnmiServer, type GnmiServerHandle } from '../../simulators/gnmi';
import { FakeSimSource } from './fake-sim.source';
import { collect, path, plainGnmiClient, unary, type PlainGnmiClient } from './gnmi-test.client';

const SIDS = new Set(['fc00:0:1::', 'fc00:0:2::', 'fc00:0:3::']);
const policy = (name: string, sids: string[]) => ({
  name,
  headend: 'R1',
  color: 100,
  endpoint: 'fc00:0:3::',
  'candidate-path': [
    { preference: 100, 'segment-list': [{ weight: 1, segment: sids.map((sid, index) => ({ index, sid })) }] },
  ],
});
const json = (o: unknown) => ({ json_ietf_val: Buffer.from(JSON.stringify(o)) });
const syncs = (msgs: any[]) => msgs.filter((m) => m.response === 'sync_response').length;

describe('gNMI interop: plain proto-loader client against the simulator gNMI server', () => {
  let source: FakeSimSource;
  let server: GnmiServerHandle;
  let client: PlainGnmiClient;

  beforeEach(async () => {
    source = new FakeSimSource(
      [
        { id: 'R1', interfaces: 3 },
        { id: 'R2', interfaces: 2 },
        { id: 'OLD', interfaces: 2, legacy: true },
      ],
      SIDS,
    );
    server = await startGnmiServer(source, { port: 0 });
    client = plainGnmiClient(server.port);
  });
  afterEach(async () => {
    client.close();
    await server.close();
    expect(source.listenerCount()).toBe(0);
  });

  it('reports capabilities', async () => {
    const caps = await unary(client.Capabilities.bind(client), {});
    expect(caps.gNMI_version).toBe('0.10.0');
    expect(caps.supported_encodings).toEqual(expect.arrayContaining(['JSON_IETF', 'PROTO']));
    expect(caps.supported_models.map((m: any) => m.name)).toEqual(
      expect.arrayContaining(['autonet-sr-policy', 'openconfig-interfaces']),
    );
  });

  it('STREAM SAMPLE by prefix.target: notifications, then sync_response, then samples on ticks', async () => {
    const call = client.Subscribe();
    const counters = path(undefined, 'interfaces', ['interface', { name: '*' }], 'state', 'counters');
    call.write({
      subscribe: {
        prefix: { target: 'R1' },
        mode: 'STREAM',
        encoding: 'PROTO',
        subscription: [{ path: counters, mode: 'SAMPLE', sample_interval: '1000000000' }],
      },
    });
    const first = await collect(call, (m) => syncs(m) === 1);
    const syncAt = first.msgs.findIndex((m) => m.response === 'sync_response');
    expect(syncAt).toBeGreaterThan(0);
    const notif = first.msgs[0].update;
    expect(notif.prefix.target).toBe('R1');
    expect(BigInt(notif.timestamp)).toBe(BigInt(source.nowMs()) * 1_000_000n);
    const inOctets = notif.update.find(
      (u: any) => u.path.elem[0].key.name === 'eth1' && u.path.elem.at(-1).name === 'in-octets',
    );
    expect(inOctets.val.uint_val).toBe('9007199254740001');
    expect(notif.update).toHaveLength(3 * 9);
    const next = collect(call, (m) => m.length >= 1);
    source.tick();
    const later = (await next).msgs[0].update;
    const grown = later.update.find(
      (u: any) => u.path.elem[0].key.name === 'eth1' && u.path.elem.at(-1).name === 'in-octets',
    );
    expect(BigInt(grown.val.uint_val)).toBe(9_007_199_254_740_001n + 1000n);
    call.cancel();
  });

  it('ON_CHANGE delivers oper-status changes', async () => {
    const call = client.Subscribe();
    const status = path(undefined, 'interfaces', ['interface', { name: 'eth2' }], 'state', 'oper-status');
    call.write({
      subscribe: {
        prefix: { target: 'R1' },
        encoding: 'PROTO',
        subscription: [{ path: status, mode: 'ON_CHANGE' }],
      },
    });
    const first = await collect(call, (m) => syncs(m) === 1);
    expect(first.msgs[0].update.update[0].val.string_val).toBe('UP');
    const next = collect(call, (m) => m.length >= 1);
    source.setOperStatus('R1', 'eth2', false);
    const down = (await next).msgs[0].update;
    expect(down.update[0].val.string_val).toBe('DOWN');
    expect(down.update[0].path.elem.map((e: any) => e.name)).toEqual(['interface', 'state', 'oper-status']);
    call.cancel();
  });

  it('TARGET_DEFINED samples counters every tick but sends oper-status only when it changes', async () => {
    const call = client.Subscribe();
    const eth1 = path(undefined, 'interfaces', ['interface', { name: 'eth1' }]);
    call.write({
      subscribe: { prefix: { target: 'R1' }, encoding: 'PROTO', subscription: [{ path: eth1 }] },
    });
    await collect(call, (m) => syncs(m) === 1);
    const leafNames = (m: any): string[] => m.update.update.map((u: any) => u.path.elem.at(-1).name);
    const next = collect(call, (m) => m.length >= 2);
    source.tick();
    source.tick();
    const ticks = (await next).msgs;
    for (const m of ticks) expect(leafNames(m)).not.toContain('oper-status');
    expect(leafNames(ticks[0])).toContain('in-octets');
    const change = collect(call, (m) => m.length >= 2);
    source.setOperStatus('R1', 'eth1', false);
    source.tick();
    const [event, tick] = (await change).msgs;
    expect(leafNames(event)).toEqual(['oper-status']);
    expect(leafNames(tick)).not.toContain('oper-status');
    call.cancel();
  });

  it('a telemetry-gap fault silences the stream without closing it', async () => {
    const call = client.Subscribe();
    call.write({
      subscribe: {
        prefix: { target: 'R2' },
        encoding: 'PROTO',
        subscription: [{ path: path(undefined, 'system'), mode: 'SAMPLE' }],
      },
    });
    await collect(call, (m) => syncs(m) === 1);
    source.setSilent('R2', true);
    const silent = collect(call, () => false, 200);
    source.tick();
    source.tick();
    expect((await silent).msgs).toEqual([]);
    source.setSilent('R2', false);
    const back = collect(call, (m) => m.length >= 1);
    source.tick();
    expect((await back).msgs[0].update.prefix.target).toBe('R2');
    call.cancel();
  });

  it('ONCE sends everything, sync_response, and ends the stream', async () => {
    const call = client.Subscribe();
    call.write({
      subscribe: {
        prefix: { target: 'R2' },
        mode: 'ONCE',
        encoding: 'JSON_IETF',
        subscription: [{ path: path(undefined, 'system') }],
      },
    });
    const r = await collect(call, () => false);
    expect(r.ended).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.msgs.at(-1).response).toBe('sync_response');
    const cpu = r.msgs[0].update.update.find((u: any) => u.path.elem.at(-1).name === 'cpu-utilization');
    expect(JSON.parse(cpu.val.json_ietf_val.toString())).toBe(10);
  });

  it('POLL answers every Poll with data and sync_response', async () => {
    const call = client.Subscribe();
    const leaf = path(
      undefined,
      'interfaces',
      ['interface', { name: 'eth1' }],
      'state',
      'counters',
      'out-octets',
    );
    call.write({
      subscribe: {
        prefix: { target: 'R1' },
        mode: 'POLL',
        encoding: 'PROTO',
        subscription: [{ path: leaf }],
      },
    });
    await collect(call, (m) => syncs(m) === 1);
    const values: bigint[] = [];
    for (let i = 0; i < 2; i++) {
      source.tick();
      const polled = collect(call, (m) => syncs(m) === 1);
      call.write({ poll: {} });
      const r = await polled;
      values.push(BigInt(r.msgs[0].update.update[0].val.uint_val));
    }
    expect(values[1]! - values[0]!).toBe(2000n);
    call.end();
  });

  it('unknown and legacy targets get NOT_FOUND', async () => {
    for (const target of ['NOPE', 'OLD']) {
      const call = client.Subscribe();
      call.write({
        subscribe: { prefix: { target }, subscription: [{ path: path(undefined, 'interfaces') }] },
      });
      const r = await collect(call, () => false);
      expect(r.error?.code).toBe(grpc.status.NOT_FOUND);
      await expect(
        unary(client.Get.bind(client), { prefix: { target }, path: [path(undefined, 'system')] }),
      ).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    }
  });

  it('Get with a wildcard key returns every interface', async () => {
    const res = await unary(client.Get.bind(client), {
      prefix: { target: 'R1' },
      encoding: 'PROTO',
      path: [path(undefined, 'interfaces', ['interface', { name: '*' }], 'state', 'oper-status')],
    });
    expect(res.notification[0].update.map((u: any) => u.path.elem[1].key.name)).toEqual([
      'eth1',
      'eth2',
      'eth3',
    ]);
  });

  it('Set installs, replaces and deletes SR policies; an invalid SID fails the transaction', async () => {
    const entry = (n: string) => path(undefined, 'autonet-sr-policy:sr-policies', ['policy', { name: n }]);
    const set = (req: object) => unary(client.Set.bind(client), { prefix: { target: 'R1' }, ...req });
    const ok = await set({ update: [{ path: entry('p1'), val: json(policy('p1', ['fc00:0:1::'])) }] });
    expect(ok.response[0].op).toBe('UPDATE');
    await expect(
      set({ update: [{ path: entry('p2'), val: json(policy('p2', ['fc00:0:99::'])) }] }),
    ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await set({ replace: [{ path: entry('p1'), val: json(policy('p1', ['fc00:0:2::'])) }] });
    const got = await unary(client.Get.bind(client), {
      prefix: { target: 'R1' },
      encoding: 'JSON_IETF',
      path: [path(undefined, 'autonet-sr-policy:sr-policies')],
    });
    const body = JSON.parse(got.notification[0].update[0].val.json_ietf_val.toString());
    expect(
      body['autonet-sr-policy:policy'].map(
        (p: any) => p['candidate-path'][0]['segment-list'][0].segment[0].sid,
      ),
    ).toEqual(['fc00:0:2::']);
    await set({ delete: [entry('p1'), entry('absent')] });
    expect(source.policies('R1')).toEqual([]);
  });

  it('a stalled subscriber is bounded: the server stops at flow control and counts drops', async () => {
    await server.close();
    client.close();
    server = await startGnmiServer(source, { port: 0, queueLimit: 4 });
    client = plainGnmiClient(server.port);
    const call = client.Subscribe();
    call.write({
      subscribe: {
        prefix: { target: 'R1' },
        encoding: 'JSON_IETF',
        subscription: [{ path: path(undefined, 'interfaces'), mode: 'SAMPLE' }],
      },
    });
    await collect(call, (m) => syncs(m) === 1);
    call.pause();
    for (let i = 0; i < 3000 && server.stats().dropped === 0; i++) source.tick();
    expect(server.stats().dropped).toBeGreaterThan(0);
    expect(server.stats().queued).toBeLessThanOrEqual(4);
    call.cancel();
  });
});
