import fc from 'fast-check';
import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(1.5)).toThrow(RangeError);
  });

  it('evicts the least recently used key (a get counts as use) and counts it', () => {
    const evicted: string[] = [];
    const m = new BoundedMap<string, number>(2, (k) => evicted.push(k));
    m.set('a', 1).set('b', 2);
    expect(m.get('a')).toBe(1);
    m.set('c', 3);
    expect([...m.keys()]).toEqual(['a', 'c']);
    expect(evicted).toEqual(['b']);
    expect(m.evicted).toBe(1);
  });

  it('peek does not refresh recency; overwriting does not evict', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    expect(m.peek('a')).toBe(1);
    m.set('b', 3);
    m.set('c', 4);
    expect(m.has('a')).toBe(false);
    expect(m.evicted).toBe(1);
  });

  it('never holds more than its capacity and agrees with an LRU model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 15 })), { maxLength: 200 }),
        (cap, ops) => {
          const m = new BoundedMap<number, number>(cap);
          const model: number[] = []; // LRU first
          let evictions = 0;
          for (const [isSet, k] of ops) {
            const i = model.indexOf(k);
            if (isSet) {
              if (i >= 0) model.splice(i, 1);
              else if (model.length >= cap) {
                model.shift();
                evictions++;
              }
              model.push(k);
              m.set(k, k);
            } else {
              expect(m.get(k)).toBe(i >= 0 ? k : undefined);
              if (i >= 0) model.push(...model.splice(i, 1));
            }
            expect(m.size).toBeLessThanOrEqual(cap);
          }
          expect([...m.keys()]).toEqual(model);
          expect(m.evicted).toBe(evictions);
        },
      ),
    );
  });
});
