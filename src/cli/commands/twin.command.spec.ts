import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatState, formatWhatIf, whatIfBody } from './twin.command';
import type { TwinStateBody, WhatIfBody } from './twin.command';

const link = (l: string, status: string, utilisation: number) => ({
  link: l,
  from: 'A',
  to: 'B',
  status,
  capacityMbps: 1000,
  loadMbps: 1000 * utilisation,
  utilisation,
  delayUs: 120,
  lossPct: 0,
  reservedMbps: 100,
  stale: false,
});

describe('autonet twin', () => {
  it('builds the what-if body from repeatable flags and intent files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-cli-'));
    const file = join(dir, 'x.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'x',
        kind: 'connectivity',
        endpoints: { a: 'A', b: 'B' },
        slo: { bandwidthMbps: 5 },
      }),
    );
    expect(
      whatIfBody({ failLink: ['L1', 'L2'], failSrlg: ['7'], demandScale: '1.5', addIntent: [file] }),
    ).toEqual({
      failLinks: ['L1', 'L2'],
      failSrlgs: [7],
      demandScale: 1.5,
      addIntents: [expect.objectContaining({ name: 'x' })],
    });
    expect(whatIfBody({})).toEqual({});
    expect(() => whatIfBody({ failSrlg: ['x'] })).toThrow(/--fail-srlg/);
    expect(() => whatIfBody({ demandScale: 'lots' })).toThrow(/--demand-scale/);
  });

  it('prints down directions first and each policy verdict', () => {
    const s: TwinStateBody = {
      at: Date.UTC(2026, 0, 1),
      links: [link('L1', 'up', 0.2), link('L2', 'down', 0), link('L3', 'up', 0.9)],
      nodes: [
        { id: 'A', status: 'up' },
        { id: 'B', status: 'unknown' },
      ],
      policies: [{ headend: 'A', name: 'p', intent: 'vpn', delayUs: 900, lossPct: 0, sloOk: false }],
      demands: { count: 4, estimated: 1 },
    };
    const text = formatState(s);
    const lines = text.split('\n');
    expect(lines[0]).toContain('3 link directions (1 down)');
    expect(lines[0]).toContain('4 demands (1 estimated)');
    const rows = lines.filter((l) => /^L\d/.test(l));
    expect(rows.map((r) => r.slice(0, 2))).toEqual(['L2', 'L3', 'L1']);
    expect(text).toContain('B (unknown)');
    expect(text).toMatch(/A\/p\s+vpn\s+900\s+0\.000\s+VIOLATED/);
  });

  it('prints what-if verdicts and changes', () => {
    const r: WhatIfBody = {
      links: [link('L1', 'down', 0), link('L3', 'up', 0.93)],
      intents: [
        {
          name: 'vpn',
          sloOk: false,
          delayUs: 32_700,
          lossPct: 0,
          violations: [{ slo: 'maxDelayUs', predicted: 32_700, bound: 30_000 }],
        },
      ],
      maxUtilisation: 0.93,
      changed: [{ link: 'L1', arc: 'L1#ab', field: 'status', before: 'up', after: 'down' }],
    };
    const text = formatWhatIf(r);
    expect(text).toContain('max utilisation 93.0%; 1 of 1 intents would violate their SLO');
    expect(text).toContain('maxDelayUs 32700.0 > 30000');
    expect(text).toMatch(/L1#ab\s+status\s+up\s+down/);
  });
});
