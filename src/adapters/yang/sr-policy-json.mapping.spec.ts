import fc from 'fast-check';
import { linkId, nodeId } from '../../core/model/ids';
import type { PlannedPolicy } from '../../core/model/intent';
import { toSrPolicyConfig } from '../../app/intent/policy-deployer';
import { srPoliciesDocument, srPolicyToJson } from './sr-policy-json.mapping';

const plannedPolicyToSrPolicy = (p: PlannedPolicy, bindingSid?: string) =>
  srPolicyToJson(toSrPolicyConfig(p, bindingSid));

const sid = fc.integer({ min: 1, max: 0xffff }).map((n) => `fc00:0:${n.toString(16)}::`);
const path = fc.record({
  preference: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
  segments: fc.array(sid, { maxLength: 8 }),
});
const policy = fc.record({
  color: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
  endpointSid: sid,
  paths: fc.array(path, { minLength: 1, maxLength: 3 }),
});

const planned = (p: {
  color: number;
  endpointSid: string;
  paths: { preference: number; segments: string[] }[];
}): PlannedPolicy => ({
  name: 'x-ab',
  headend: nodeId('A'),
  endpoint: nodeId('B'),
  endpointSid: p.endpointSid,
  color: p.color,
  candidatePaths: p.paths.map((c, i) => ({
    preference: c.preference,
    role: i === 0 ? 'primary' : 'backup',
    nodes: [nodeId('A'), nodeId('B')],
    links: [linkId('l1')],
    segments: c.segments.map((s) => ({ sid: s, behavior: 'End', node: 'N' })),
    delayUs: 1,
    metric: 1,
  })),
});

describe('planned policy → deployer config → autonet-sr-policy JSON', () => {
  it('keeps identity, preferences and SIDs in push order, indexed from 0', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const json = plannedPolicyToSrPolicy(planned(p));
        expect(json).toMatchObject({ name: 'x-ab', headend: 'A', color: p.color, endpoint: p.endpointSid });
        expect(json['candidate-path'].map((c) => c.preference)).toEqual(p.paths.map((c) => c.preference));
        json['candidate-path'].forEach((c, i) => {
          const want = p.paths[i]?.segments.length ? p.paths[i]?.segments : [p.endpointSid];
          expect(c['segment-list']).toEqual([
            { index: 0, weight: 1, segment: (want ?? []).map((s, k) => ({ index: k, sid: s })) },
          ]);
        });
        expect(json).not.toHaveProperty('binding-sid');
      }),
    );
  });

  it('adds a binding SID when given and wraps policies in the module container', () => {
    const json = plannedPolicyToSrPolicy(
      planned({ color: 7, endpointSid: 'fc00::2', paths: [{ preference: 1, segments: [] }] }),
      'fc00::b6',
    );
    expect(json['binding-sid']).toBe('fc00::b6');
    expect(srPoliciesDocument([json])).toEqual({ 'autonet-sr-policy:sr-policies': { policy: [json] } });
  });
});
