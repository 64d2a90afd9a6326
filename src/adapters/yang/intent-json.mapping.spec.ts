import fc from 'fast-check';
import { nodeId } from '../../core/model/ids';
import type { IntentSpec } from '../../core/model/intent';
import {
  intentBodyToYang,
  intentSpecToBody,
  intentSpecToYang,
  intentYangToSpec,
} from './intent-json.mapping';

const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
const spec: fc.Arbitrary<IntentSpec> = fc.record(
  {
    name,
    kind: fc.constant('connectivity' as const),
    endpoints: fc.record({ a: name.map(nodeId), b: name.map(nodeId) }),
    slo: fc.record(
      {
        bandwidthMbps: fc.integer({ min: 1, max: 1e12 }).map((k) => k / 1000),
        maxDelayUs: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
        maxLossPct: fc.integer({ min: 0, max: 1e6 }).map((k) => k / 1e4),
        availability: fc.constantFrom('best-effort', 'standard', 'high', 'critical' as const),
      },
      { requiredKeys: ['bandwidthMbps'] },
    ),
    sle: fc.record({
      protection: fc.constantFrom('none', 'link-disjoint', 'node-disjoint', 'srlg-disjoint' as const),
      isolation: fc.constantFrom('shared', 'soft', 'hard' as const),
    }),
    slice: name,
    priority: fc.integer({ min: 0, max: 7 }),
    classification: fc.record(
      {
        intentClass: fc.constantFrom('customer-service-intent', 'network-intent' as const),
        userType: fc.constantFrom('customer', 'application-developer' as const),
        lifecycle: fc.constantFrom('persistent', 'transient' as const),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['name', 'kind', 'endpoints', 'slo', 'sle', 'priority'] },
);

describe('intent JSON mapping', () => {
  it('spec → RFC 7951 → spec is the identity (up to empty classification)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const back = intentYangToSpec(intentSpecToYang(s));
        const expected =
          s.classification && Object.keys(s.classification).length === 0
            ? { ...s, classification: undefined }
            : s;
        expect(back).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
    );
  });

  it('encodes decimal64 leaves as decimal strings and integers as numbers (RFC 7951)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        type Entry = { slo: Record<string, unknown>; priority: unknown; kind: unknown };
        const entry = (intentSpecToYang(s)['autonet-intent:intents'] as { intent: Entry[] }).intent[0];
        expect(typeof entry?.slo['bandwidth-mbps']).toBe('string');
        expect(Number(entry?.slo['bandwidth-mbps'])).toBe(s.slo.bandwidthMbps);
        expect(typeof entry?.priority).toBe('number');
        expect(entry?.kind).toBe('autonet-intent:connectivity');
      }),
    );
  });

  it('passes unknown members, wrong types and nulls through for libyang to reject', () => {
    const doc = intentBodyToYang({
      name: 'x',
      colour: 'blue',
      slo: { bandwidthMbps: 'lots', jitterUs: null },
      priority: '1',
    });
    expect(doc).toEqual({
      'autonet-intent:intents': {
        intent: [
          { name: 'x', colour: 'blue', slo: { 'bandwidth-mbps': 'lots', jitterUs: null }, priority: '1' },
        ],
      },
    });
    expect(intentBodyToYang([1])).toEqual({ 'autonet-intent:intents': { intent: [[1]] } });
  });

  it('fills YANG defaults when mapping validated data to the core', () => {
    const s = intentYangToSpec(
      intentBodyToYang({
        name: 'x',
        kind: 'connectivity',
        endpoints: { a: 'A', b: 'B' },
        slo: { bandwidthMbps: 5 },
      }),
    );
    expect(s).toEqual({
      name: 'x',
      kind: 'connectivity',
      endpoints: { a: 'A', b: 'B' },
      slo: { bandwidthMbps: 5 },
      sle: { protection: 'none', isolation: 'shared' },
      priority: 3,
    });
    expect(intentSpecToBody(s)).toEqual({ ...s });
  });

  it('refuses a document without an intent', () => {
    expect(() => intentYangToSpec({})).toThrow(TypeError);
  });
});
