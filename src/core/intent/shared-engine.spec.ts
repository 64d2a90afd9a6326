import { arcId } from '../model/ids';
import type { PathEngineOptions } from '../pathcomp';
import { squareTopology } from './__fixtures__/square.topology';
import { sharedEngineFactory } from './shared-engine';

describe('sharedEngineFactory', () => {
  it('builds one engine and gives it the free-bandwidth view of the current compilation', () => {
    const topology = squareTopology({ cap: 1000 });
    const created: PathEngineOptions[] = [];
    const factory = sharedEngineFactory(topology, (o) => {
      created.push(o);
      return { compute: () => ({ ok: true, paths: [] }) };
    });
    const e1 = factory({ freeMbps: () => 5 });
    const free = created[0]!.freeMbps!;
    expect(free(arcId('A-B#ab'))).toBe(5);
    const e2 = factory({});
    expect(e2).toBe(e1);
    expect(created).toHaveLength(1);
    expect(free(arcId('A-B#ab'))).toBe(1000);
  });
});
