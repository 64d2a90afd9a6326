import fc from 'fast-check';
import { nodeId } from '../../../core/model/ids';
import type { SrPolicyConfig, TelemetrySample } from '../../../ports/ne-driver.port';
import {
  notificationToSamples,
  policiesFromContainerJson,
  policyFromJson,
  policyToJson,
} from './gnmi.mapping';
import type { GnmiElem, GnmiNotification, GnmiValue } from './gnmi-wire.types';

const R1 = nodeId('R1');
const path = (...elems: GnmiElem[]) => ({ origin: '', target: '', elems });
const iface = (name: string): GnmiElem => ({ name: 'interface', key: { name } });
const uint = (v: bigint): GnmiValue => ({ t: 'uint', v });

const sid = fc.ipV6();
const policyArb: fc.Arbitrary<SrPolicyConfig> = fc.record(
  {
    name: fc.string({ minLength: 1 }),
    headend: fc.constant(R1),
    color: fc.nat(),
    endpoint: sid,
    candidatePaths: fc.array(
      fc.record({
        preference: fc.nat(),
        segmentLists: fc.array(
          fc.record({ weight: fc.integer({ min: 1 }), sids: fc.array(sid, { minLength: 1, maxLength: 6 }) }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    ),
    bindingSid: sid,
    probeOnly: fc.constant(true),
  },
  { requiredKeys: ['name', 'headend', 'color', 'endpoint', 'candidatePaths'] },
);

describe('gnmi.mapping', () => {
  it('SR policies survive SrPolicyConfig → RFC 7951 JSON text → SrPolicyConfig', () => {
    fc.assert(
      fc.property(policyArb, (p) =>
        expect(policyFromJson(JSON.parse(JSON.stringify(policyToJson(p))), R1)).toEqual(p),
      ),
    );
  });

  it('reads a container value with module-qualified member names, ordering segments by index', () => {
    const text = JSON.stringify({
      'autonet-sr-policy:policy': [
        {
          name: 'p',
          color: 7,
          endpoint: 'fc00::3',
          'candidate-path': [
            {
              preference: 10,
              'segment-list': [
                {
                  index: 0,
                  weight: 2,
                  segment: [
                    { index: 1, sid: 'fc00::2' },
                    { index: 0, sid: 'fc00::1' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(policiesFromContainerJson(text, R1)).toEqual([
      {
        name: 'p',
        headend: R1,
        color: 7,
        endpoint: 'fc00::3',
        candidatePaths: [{ preference: 10, segmentLists: [{ weight: 2, sids: ['fc00::1', 'fc00::2'] }] }],
      },
    ]);
  });

  it('groups counter leaves into one sample per interface, whatever the prefix split', () => {
    const perNe: GnmiNotification = {
      timestampNs: 5n,
      prefix: path({ name: 'interfaces' }),
      updates: [
        {
          path: path(iface('eth1'), { name: 'state' }, { name: 'counters' }, { name: 'in-octets' }),
          value: uint(2n ** 64n - 1n),
        },
        {
          path: path(iface('eth1'), { name: 'state' }, { name: 'counters' }, { name: 'out-octets' }),
          value: { t: 'json', v: '"42"' },
        },
        {
          path: path(iface('eth2'), { name: 'state' }, { name: 'counters' }, { name: 'in-octets' }),
          value: uint(1n),
        },
        {
          path: path(iface('eth2'), { name: 'state' }, { name: 'oper-status' }),
          value: { t: 'string', v: 'DOWN' },
        },
      ],
      deletes: [],
    };
    const out: TelemetrySample[] = [];
    notificationToSamples(R1, perNe, out);
    expect(out).toEqual([
      { kind: 'oper-status', ne: R1, interface: 'eth2', timestampNs: 5n, status: 'down' },
      {
        kind: 'interface-counters',
        ne: R1,
        interface: 'eth1',
        timestampNs: 5n,
        inOctets: 2n ** 64n - 1n,
        outOctets: 42n,
      },
    ]);
    const perIf: GnmiNotification = {
      timestampNs: 6n,
      prefix: path({ name: 'interfaces' }, iface('eth9'), { name: 'state' }, { name: 'counters' }),
      updates: [
        { path: path({ name: 'in-octets' }), value: uint(3n) },
        { path: path({ name: 'out-octets' }), value: uint(4n) },
        { path: path({ name: 'in-fcs-errors' }), value: uint(5n) },
      ],
      deletes: [],
    };
    const out2: TelemetrySample[] = [];
    notificationToSamples(R1, perIf, out2);
    expect(out2).toEqual([
      {
        kind: 'interface-counters',
        ne: R1,
        interface: 'eth9',
        timestampNs: 6n,
        inOctets: 3n,
        outOctets: 4n,
        inFcsErrors: 5n,
      },
    ]);
  });

  it('maps system resources and probe results', () => {
    const n: GnmiNotification = {
      timestampNs: 1n,
      prefix: path(),
      updates: [
        {
          path: path({ name: 'system' }, { name: 'state' }, { name: 'cpu-utilization' }),
          value: { t: 'double', v: 12.5 },
        },
        {
          path: path({ name: 'system' }, { name: 'state' }, { name: 'memory-utilization' }),
          value: { t: 'double', v: 40 },
        },
        ...(['delay-us', 'jitter-us', 'loss-pct', 'probes-sent', 'probes-lost'] as const).map((leaf, i) => ({
          path: path(
            { name: 'autonet-sr-policy:sr-policies' },
            { name: 'policy', key: { name: 'p1' } },
            { name: 'state' },
            { name: 'probe' },
            { name: leaf },
          ),
          value: i === 2 ? ({ t: 'double', v: 0.5 } as const) : uint(BigInt(100 * (i + 1))),
        })),
      ],
      deletes: [],
    };
    const out: TelemetrySample[] = [];
    notificationToSamples(R1, n, out);
    expect(out).toEqual([
      { kind: 'node-resources', ne: R1, timestampNs: 1n, cpuPct: 12.5, memPct: 40 },
      {
        kind: 'probe',
        ne: R1,
        policy: 'p1',
        timestampNs: 1n,
        delayUs: 100,
        jitterUs: 200,
        lossPct: 0.5,
        probesSent: 400,
        probesLost: 500,
      },
    ]);
  });

  it('maps per-policy and per-destination traffic counters', () => {
    const pol = (leaf: string, v: bigint) => ({
      path: path(
        { name: 'autonet-sr-policy:sr-policies' },
        { name: 'policy', key: { name: 'p1' } },
        { name: 'state' },
        { name: 'counters' },
        { name: leaf },
      ),
      value: uint(v),
    });
    const n: GnmiNotification = {
      timestampNs: 7n,
      prefix: path(),
      updates: [
        pol('out-octets', 1n << 40n),
        pol('out-pkts', 12n),
        {
          path: path(
            { name: 'autonet-sr-policy:traffic-matrix' },
            { name: 'destination', key: { node: 'R9' } },
            { name: 'state' },
            { name: 'counters' },
            { name: 'out-octets' },
          ),
          value: uint(99n),
        },
      ],
      deletes: [],
    };
    const out: TelemetrySample[] = [];
    notificationToSamples(R1, n, out);
    expect(out).toEqual([
      { kind: 'destination-traffic', ne: R1, destination: 'R9', timestampNs: 7n, outOctets: 99n },
      { kind: 'policy-traffic', ne: R1, policy: 'p1', timestampNs: 7n, outOctets: 1n << 40n, outPkts: 12n },
    ]);
  });
});
