import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentView } from '../../ports/event-bus.port';
import { SqliteIncidentStore } from './sqlite.incident-store';
import { SqliteIntentStore } from './sqlite.intent-store';

const incident = (id: string, detectedAt: number, state: IncidentView['state']): IncidentView => ({
  id,
  class: 'gray-loss',
  state,
  detectedAt,
  locatedAt: null,
  repairedAt: null,
  resolvedAt: null,
  suspects: [{ kind: 'link', id: 'A-B', probability: 1 }],
  equivalenceClass: ['A-B'],
  affectedIntents: ['gold'],
  evidence: [{ llr: 42 }],
  actions: [{ at: detectedAt, kind: 'reroute', detail: 'moved gold', result: 'ok' }],
  confidence: 0.9,
});

describe('SqliteIncidentStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'autonet-incidents-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps incidents across reopenings, beside the intent store in the same file', () => {
    const intents = SqliteIntentStore.open({ dataDir: dir });
    const a = SqliteIncidentStore.open({ dataDir: dir });
    a.save(incident('inc-2', 2000, 'detected'));
    a.save(incident('inc-1', 1000, 'repairing'));
    a.save({ ...incident('inc-2', 2000, 'repaired'), repairedAt: 2500 });
    a.save(incident('inc-3', 3000, 'resolved'));
    a.remove('inc-3');
    a.close();
    const b = SqliteIncidentStore.open({ dataDir: dir });
    expect(b.load()).toEqual([
      incident('inc-1', 1000, 'repairing'),
      { ...incident('inc-2', 2000, 'repaired'), repairedAt: 2500 },
    ]);
    b.close();
    intents.close();
  });
});
