import { nodeId, linkId } from '../../src/core/model/ids';
import type { PlannedPolicy } from '../../src/core/model/intent';
import {
  LibyangValidator,
  YanglintUnavailableError,
  srPolicyToJson,
  sliceBodyToYang,
  sliceSpecToBody,
  sliceYangToSpec,
  srPoliciesDocument,
} from '../../src/adapters/yang';
import type { SrPolicyJson as SimSrPolicyJson } from '../../simulators/sim-source';
import { toSrPolicyConfig } from '../../src/app/intent/policy-deployer';
import { YANG_DIR } from './yanglint.helper';

/** LibyangValidator against the real yanglint: SR policy and slice documents, raw text, concurrency, failures. */
let validator: LibyangValidator;
beforeAll(async () => {
  validator = await LibyangValidator.start({ yangDir: YANG_DIR });
});
afterAll(() => validator.close());

const planned: PlannedPolicy = {
  name: 'finance-gold.fwd',
  headend: nodeId('PE1'),
  endpoint: nodeId('PE2'),
  endpointSid: 'fc00:0:2::',
  color: 100,
  candidatePaths: [
    {
      preference: 200,
      role: 'primary',
      nodes: [nodeId('PE1'), nodeId('P1'), nodeId('PE2')],
      links: [linkId('l1'), linkId('l2')],
      segments: [
        { sid: 'fc00:0:11::', behavior: 'End', node: 'P1' },
        { sid: 'fc00:0:2::', behavior: 'End', node: 'PE2' },
      ],
      delayUs: 900,
      metric: 20,
    },
    {
      preference: 100,
      role: 'backup',
      nodes: [nodeId('PE1'), nodeId('PE2')],
      links: [linkId('l3')],
      segments: [],
      delayUs: 1500,
      metric: 30,
    },
  ],
};

describe('SR policy documents', () => {
  const policy = srPolicyToJson(toSrPolicyConfig(planned, 'fc00:0:1:b6::'));

  it('maps a planned policy to the simulator contract shape', () => {
    const sim: SimSrPolicyJson = policy; // compile-time check: same shape as simulators/sim-source.ts
    expect(sim['candidate-path'].map((p) => p.preference)).toEqual([200, 100]);
    expect(sim['candidate-path'][0]?.['segment-list'][0]?.segment).toEqual([
      { index: 0, sid: 'fc00:0:11::' },
      { index: 1, sid: 'fc00:0:2::' },
    ]);
    expect(sim['candidate-path'][1]?.['segment-list'][0]?.segment).toEqual([{ index: 0, sid: 'fc00:0:2::' }]);
  });

  it('validates against autonet-sr-policy', async () => {
    await expect(validator.validate(srPoliciesDocument([policy]))).resolves.toEqual([]);
  });

  it('accepts the policy names the compiler derives from the longest intent names', async () => {
    const name = `${'n'.repeat(64)}-ab`;
    await expect(validator.validate(srPoliciesDocument([{ ...policy, name }]))).resolves.toEqual([]);
  });

  it.each([
    ['color 0', { ...policy, color: 0 }, 'invalid-value'],
    ['a SID that is not IPv6', { ...policy, endpoint: 'PE2' }, 'invalid-value'],
    ['no candidate path', { ...policy, 'candidate-path': [] }, 'operation-failed'],
    ['state data in configuration', { ...policy, state: { probe: { 'delay-us': 5 } } }, undefined],
  ])('rejects %s', async (_what, bad, tag) => {
    const errors = await validator.validate({ 'autonet-sr-policy:sr-policies': { policy: [bad] } });
    expect(errors.length).toBeGreaterThan(0);
    if (tag !== undefined) expect(errors[0]?.errorTag).toBe(tag);
    expect(errors[0]?.errorPath ?? '/autonet-sr-policy:').toMatch(/^\/autonet-sr-policy:/);
  });
});

describe('slice documents', () => {
  it('validates and maps a slice both ways', async () => {
    const body = {
      name: 'finance',
      isolation: 'hard',
      bandwidthShare: 0.25,
      sloDefaults: { maxDelayUs: 8000 },
    };
    const doc = sliceBodyToYang(body);
    await expect(validator.validate(doc)).resolves.toEqual([]);
    const spec = sliceYangToSpec(doc);
    expect(spec).toEqual({
      name: 'finance',
      isolation: 'hard',
      bandwidthShare: 0.25,
      sloDefaults: { maxDelayUs: 8000 },
    });
    expect(sliceSpecToBody(spec)).toEqual(body);
  });

  it('needs a bandwidth share for hard isolation', async () => {
    const errors = await validator.validate(sliceBodyToYang({ name: 'x', isolation: 'hard' }));
    expect(errors[0]).toMatchObject({ errorTag: 'invalid-value', errorAppTag: 'hard-isolation-needs-share' });
  });

  it('rejects a share above 1', async () => {
    const errors = await validator.validate(sliceBodyToYang({ name: 'x', bandwidthShare: 1.5 }));
    expect(errors[0]?.errorPath).toBe("/autonet-slice:slices/slice[name='x']/bandwidth-share");
  });
});

describe('raw JSON text', () => {
  it('reports malformed text without asking libyang', async () => {
    const errors = await validator.validate('{"autonet-slice:slices": ');
    expect(errors).toEqual([
      expect.objectContaining({ errorType: 'protocol', errorTag: 'malformed-message' }),
    ]);
  });

  it('catches duplicate members that JSON.parse would merge', async () => {
    const errors = await validator.validate('{"autonet-slice:slices":{"slice":[{"name":"a","name":"b"}]}}');
    expect(errors[0]?.errorTag).toBe('bad-element');
  });

  it('rejects a value that is no JSON document', async () => {
    await expect(validator.validate(undefined)).resolves.toEqual([
      expect.objectContaining({ errorTag: 'malformed-message' }),
    ]);
  });
});

describe('process handling', () => {
  it('keeps every answer with its own document under concurrency', async () => {
    const docs = Array.from({ length: 40 }, (_, i) =>
      sliceBodyToYang({ name: `s${i}`, bandwidthShare: i % 2 ? 0.5 : 2 }),
    );
    const results = await Promise.all(docs.map((d) => validator.validate(d)));
    results.forEach((errors, i) => {
      if (i % 2) expect(errors).toEqual([]);
      else expect(errors[0]?.errorPath).toBe(`/autonet-slice:slices/slice[name='s${i}']/bandwidth-share`);
    });
  });

  it('restarts yanglint after it is killed', async () => {
    const before = validator.pid;
    expect(before).toBeDefined();
    process.kill(before as number, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    await expect(validator.validate(sliceBodyToYang({ name: 'after' }))).resolves.toEqual([]);
    expect(validator.pid).not.toBe(before);
  });

  it('retries queued documents on a fresh yanglint when it dies under load', async () => {
    const docs = Array.from({ length: 30 }, (_, i) =>
      sliceBodyToYang({ name: `k${i}`, bandwidthShare: i % 3 ? 0.5 : 2 }),
    );
    const pending = docs.map((d) => validator.validate(d));
    const killed = validator.pid as number;
    process.kill(killed, 'SIGKILL');
    const results = await Promise.all(pending);
    results.forEach((errors, i) => expect(errors.length).toBe(i % 3 ? 0 : 1));
    expect(validator.pid).not.toBe(killed);
  });

  it('refuses work once closed, without starting a new yanglint', async () => {
    const other = await LibyangValidator.start({ yangDir: YANG_DIR });
    const pending = other.validate(sliceBodyToYang({ name: 'late' }));
    other.close();
    await expect(pending).rejects.toBeInstanceOf(YanglintUnavailableError);
    await expect(other.validate(sliceBodyToYang({ name: 'later' }))).rejects.toBeInstanceOf(
      YanglintUnavailableError,
    );
    expect(other.pid).toBeUndefined();
  });

  it('lists its modules', () => {
    expect(validator.modules()).toEqual(['autonet-intent', 'autonet-slice', 'autonet-sr-policy']);
  });

  it('fails to start when a module is missing', async () => {
    await expect(
      LibyangValidator.start({ yangDir: YANG_DIR, modules: ['no-such-module'] }),
    ).rejects.toThrow();
  });

  it('gives up on a yanglint that never answers', async () => {
    const start = LibyangValidator.start({
      yangDir: YANG_DIR,
      executable: 'cat',
      timeoutMs: 300,
      startTimeoutMs: 300,
    });
    await expect(start).rejects.toBeInstanceOf(YanglintUnavailableError);
    await expect(start).rejects.toMatchObject({ reason: 'timeout', limit: 'start' });
  });
});
