import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { srPoliciesDocument, srPolicyToJson } from '../../src/adapters/yang';
import { nodeId } from '../../src/core/model/ids';
import type { SrPolicyConfig } from '../../src/ports/ne-driver.port';
import { YANG_DIR, yanglint, yanglintData } from '../yang/yanglint.helper';

/**
 * The probe-only leaf and the new read-only telemetry nodes of autonet-sr-policy, checked by the real
 * yanglint: the JSON writer's probe-only policies are valid configuration; probe counts, policy counters and
 * the traffic matrix are valid operational data (and refused as configuration).
 */
const dir = mkdtempSync(join(tmpdir(), 'autonet-sr-yang-'));
const write = (name: string, doc: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
};

const probeOnly: SrPolicyConfig = {
  name: 'probe-ab',
  headend: nodeId('A'),
  color: 900,
  endpoint: 'fcbb:bb00:2::',
  probeOnly: true,
  candidatePaths: [{ preference: 1, segmentLists: [{ weight: 1, sids: ['fcbb:bb00:1:e001::'] }] }],
};

describe('autonet-sr-policy: probe-only and headend telemetry', () => {
  it('accepts a probe-only policy written by the one JSON writer', () => {
    const json = srPolicyToJson(probeOnly);
    expect(json['probe-only']).toBe(true);
    expect(srPolicyToJson({ ...probeOnly, probeOnly: false })).not.toHaveProperty('probe-only');
    const run = yanglintData(write('config.json', srPoliciesDocument([json])));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('models probe counts, policy counters and the traffic matrix as operational state', () => {
    const state = {
      'autonet-sr-policy:sr-policies': {
        policy: [
          {
            ...srPolicyToJson(probeOnly),
            state: {
              probe: {
                'delay-us': 1200,
                'jitter-us': 3,
                'loss-pct': '0.4',
                'probes-sent': 1000,
                'probes-lost': 4,
              },
              counters: { 'out-octets': '18446744073709551615', 'out-pkts': '12' },
            },
          },
        ],
      },
      'autonet-sr-policy:traffic-matrix': {
        destination: [{ node: 'B', state: { counters: { 'out-octets': '125000000' } } }],
      },
    };
    const file = write('data.json', state);
    const module = join(YANG_DIR, 'autonet-sr-policy.yang');
    const asData = yanglint(['-p', YANG_DIR, '-t', 'data', module, file]);
    expect(asData.stderr).toBe('');
    expect(asData.status).toBe(0);
    expect(yanglint(['-p', YANG_DIR, '-t', 'config', module, file]).status).not.toBe(0);
  });
});
