import { SidTable, TopologyGraph } from '../topology';
import { EndXEncoder } from './__fixtures__/end-x-encoder';
import { ring } from './__fixtures__/small-topologies';
import { PathEngineCore } from './path-engine';
import type { PathQuery } from './path-types';

const topo = TopologyGraph.build(ring);
const engine = new PathEngineCore(topo, new EndXEncoder(topo, SidTable.allocate(topo)));

function error(q: unknown) {
  const r = engine.compute(q as PathQuery);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('query validation names the offending field', () => {
  it.each([
    [{ from: 'a', to: 'd', metric: 'cost' }, 'INVALID_QUERY', 'metric'],
    [{ from: 'a', to: 'd', bandwidthMbps: -1 }, 'INVALID_QUERY', 'bandwidthMbps'],
    [{ from: 'a', to: 'd', maxHops: 1.5 }, 'INVALID_QUERY', 'maxHops'],
    [{ from: 'a', to: 'd', excludeSrlgs: ['7'] }, 'INVALID_QUERY', 'excludeSrlgs[0]'],
    [{ from: 'a', to: 'd', colour: 'red' }, 'INVALID_QUERY', 'colour'],
    [{ from: 'a' }, 'INVALID_QUERY', 'to'],
    [{ from: 'a', to: 'a' }, 'INVALID_QUERY', 'to'],
    [{ from: 'a', to: 'd', allowPartialDisjoint: true }, 'INVALID_QUERY', 'allowPartialDisjoint'],
    [{ from: 'a', to: 'd', excludeNodes: ['d'] }, 'INVALID_QUERY', 'excludeNodes[0]'],
    [{ from: 'q', to: 'd' }, 'UNKNOWN_NODE', 'from'],
    [{ from: 'a', to: 'd', excludeNodes: ['b', 'zz'] }, 'UNKNOWN_NODE', 'excludeNodes[1]'],
    [{ from: 'a', to: 'd', excludeLinks: ['nope'] }, 'UNKNOWN_LINK', 'excludeLinks[0]'],
    [{ from: 'a', to: 'd', msd: 0 }, 'INVALID_QUERY', 'msd'],
    [{ from: 'a', to: 'd', disjoint: 'srlgs' }, 'INVALID_QUERY', 'disjoint'],
  ])('%j → %s at %s', (q, code, field) => {
    const e = error(q);
    expect(e.code).toBe(code);
    expect(e.blocking[0]!.elements).toEqual([field]);
    expect(e.message).toContain(field);
  });

  it('never throws on garbage and keeps the id', () => {
    expect(error(null).code).toBe('INVALID_QUERY');
    expect(error('a→d').code).toBe('INVALID_QUERY');
    const r = engine.compute({ id: 'q7', from: 'a', to: 'nowhere' });
    expect(r).toMatchObject({ id: 'q7', ok: false, error: { code: 'UNKNOWN_NODE' } });
  });
});
