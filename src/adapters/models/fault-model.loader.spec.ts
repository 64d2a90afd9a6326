import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_NAMES } from '../../core/assurance/classify';
import { loadFaultModel } from './fault-model.loader';

describe('loadFaultModel', () => {
  it("finds the shipped model from the package root and it predicts over this build's features", () => {
    const r = loadFaultModel();
    expect(r.path).toMatch(/models[/\\]fault-classifier\.json$/);
    expect(r.model).not.toBeNull();
    const p = r.model!.predict(FEATURE_NAMES.map(() => 0));
    expect(p.confidence).toBeGreaterThan(0);
  });

  it('returns no model and the reason for a missing, garbled or foreign file (never throws)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'autonet-model-'));
    expect(loadFaultModel(join(dir, 'absent.json'))).toMatchObject({ model: null, reason: 'no model file' });
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(loadFaultModel(join(dir, 'bad.json')).model).toBeNull();
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something-else' }));
    const other = loadFaultModel(join(dir, 'other.json'));
    expect(other).toMatchObject({ model: null });
    expect((other as { reason: string }).reason).toMatch(/not a usable fault model/);
  });
});
