import { MemoryNeDriver } from '../../adapters/drivers/memory';
import { ConflictError, InfeasibleError, InvalidIntentError, NotFoundError } from '../../core/errors';
import { nodeId } from '../../core/model/ids';
import { intentHarness, squareNetwork } from './__fixtures__/intent-harness';

function setup() {
  const network = squareNetwork(1000);
  return intentHarness(network, new MemoryNeDriver(network.topology, network.sids));
}

describe('SliceService', () => {
  it('creates, lists, gets and deletes slices with an audit entry each', () => {
    const h = setup();
    h.slices.create({ name: 'b', isolation: 'soft', bandwidthShare: 0.3 });
    h.slices.create({ name: 'a', isolation: 'shared' });
    expect(h.slices.list().map((s) => s.name)).toEqual(['a', 'b']);
    expect(h.slices.get('b').bandwidthShare).toBe(0.3);
    h.slices.delete('a');
    expect(() => h.slices.get('a')).toThrow(NotFoundError);
    expect(() => h.slices.delete('a')).toThrow(NotFoundError);
    expect(h.store.audit().map((e) => `${e.action}:${e.target}`)).toEqual([
      'slice-create:b',
      'slice-create:a',
      'slice-delete:a',
    ]);
  });

  it('refuses duplicates, the reserved pool name, isolation without a share, and hard shares above 1', () => {
    const h = setup();
    h.slices.create({ name: 'gold', isolation: 'hard', bandwidthShare: 0.6 });
    expect(() => h.slices.create({ name: 'gold', isolation: 'hard', bandwidthShare: 0.1 })).toThrow(
      ConflictError,
    );
    expect(() => h.slices.create({ name: 'shared', isolation: 'shared' })).toThrow(InvalidIntentError);
    expect(() => h.slices.create({ name: 'x', isolation: 'soft' })).toThrow(InvalidIntentError);
    expect(() => h.slices.create({ name: 'plat', isolation: 'hard', bandwidthShare: 0.5 })).toThrow(
      InfeasibleError,
    );
    expect(h.slices.list().map((s) => s.name)).toEqual(['gold']);
  });

  it('refuses a hard slice that would take bandwidth already reserved in the shared pool', async () => {
    const h = setup();
    await h.intents.create({
      name: 'big',
      kind: 'connectivity',
      endpoints: { a: nodeId('A'), b: nodeId('D') },
      slo: { bandwidthMbps: 800 },
      sle: { protection: 'none', isolation: 'shared' },
      priority: 0,
    });
    expect(() => h.slices.create({ name: 'gold', isolation: 'hard', bandwidthShare: 0.5 })).toThrow(
      InfeasibleError,
    );
    expect(h.slices.create({ name: 'gold', isolation: 'hard', bandwidthShare: 0.2 }).name).toBe('gold');
  });
});
