import type { NodeId } from '../model/ids';
import { InterfaceArcMap } from './interface-map';
import type { SampleInput } from './sample-input';
import { SampleNormaliser } from './sample-normaliser';

const A = 'A' as NodeId;
const ns = (ms: number): bigint => BigInt(ms) * 1_000_000n;

const policyTraffic = (policy: string, ms: number, octets: bigint): SampleInput => ({
  kind: 'policy-traffic',
  ne: A,
  policy,
  timestampNs: ns(ms),
  outOctets: octets,
  outPkts: 0n,
});
const probe = (policy: string, ms: number): SampleInput => ({
  kind: 'probe',
  ne: A,
  policy,
  timestampNs: ns(ms),
  delayUs: 10,
  jitterUs: 1,
  lossPct: 0,
  probesSent: 0,
  probesLost: 0,
});
const counters = (ne: string, ifName: string, ms: number, octets: bigint): SampleInput => ({
  kind: 'interface-counters',
  ne: ne as NodeId,
  interface: ifName,
  timestampNs: ns(ms),
  inOctets: octets,
  outOctets: octets,
});

const CAPS = { maxInterfaces: 4, maxPolicies: 4, maxNodes: 4, maxDemands: 4 };

describe('SampleNormaliser bounds', () => {
  it('holds at most maxPolicies policies (keys and counter baselines), however many names arrive', () => {
    const n = new SampleNormaliser(InterfaceArcMap.empty(), CAPS);
    for (let i = 0; i < 1000; i++) {
      n.normalise(probe(`p${i}`, 1000));
      n.normalise(policyTraffic(`p${i}`, 1000, 0n));
    }
    expect(n.sizes().policies).toBeLessThanOrEqual(4);
    expect(n.sizes().baselines).toBeLessThanOrEqual(8);
    expect(n.stats().evictions.policies).toBe(996);
  });

  it('holds at most maxInterfaces interface states, across NEs, and counts evictions', () => {
    const n = new SampleNormaliser(InterfaceArcMap.empty(), CAPS);
    for (let i = 0; i < 50; i++) n.normalise(counters(`N${i % 10}`, `eth${i}`, 1000, 0n));
    expect(n.sizes().interfaces).toBe(4);
    expect(n.stats().evictions.interfaces).toBe(46);
  });

  it('keeps the baselines of series in use: a steady set within the cap computes every rate', () => {
    const n = new SampleNormaliser(InterfaceArcMap.empty(), CAPS);
    let rates = 0;
    for (let t = 1; t <= 20; t++) {
      for (const p of ['a', 'b', 'c', 'd']) {
        const pt = n.normalise(policyTraffic(p, t * 1000, BigInt(t) * 1000n));
        if (pt !== undefined) rates++;
      }
      // A stray name now and then must not push the steady ones out for good.
      n.normalise(probe(`stray${t}`, t * 1000));
    }
    // Strays evict only cached keys (probes keep no baseline): every steady rate after the first tick is computed.
    expect(rates).toBe(4 * 19);
    expect(n.sizes().policies).toBeLessThanOrEqual(4);
  });

  it('forgets what a topology change removed', () => {
    const n = new SampleNormaliser(InterfaceArcMap.empty());
    n.normalise(counters('A', 'eth0', 1000, 0n));
    n.normalise(counters('B', 'eth0', 1000, 0n));
    n.normalise(probe('p1', 1000));
    n.normalise(policyTraffic('p1', 1000, 0n));
    n.retainNes(new Set(['B' as NodeId]));
    expect(n.sizes()).toMatchObject({ interfaces: 1, policies: 0, baselines: 0 });
    expect(n.stats().evictions.pruned).toBe(3);
  });
});
