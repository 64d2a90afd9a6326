import fc from 'fast-check';
import { BoundedQueue } from './bounded-queue';

type Op =
  | { readonly op: 'enq'; readonly v: number }
  | { readonly op: 'deq' }
  | { readonly op: 'drain'; readonly n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('enq' as const), v: fc.integer() }),
  fc.constant({ op: 'deq' as const }),
  fc.record({ op: fc.constant('drain' as const), n: fc.integer({ min: 0, max: 10 }) }),
);

describe('BoundedQueue', () => {
  it('behaves like a FIFO array capped at its capacity, counting every refused item', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(opArb, { maxLength: 200 }), (cap, ops) => {
        const q = new BoundedQueue<number>(cap);
        const model: number[] = [];
        let drops = 0;
        for (const o of ops) {
          if (o.op === 'enq') {
            const accepted = q.enqueue(o.v);
            expect(accepted).toBe(model.length < cap);
            if (accepted) model.push(o.v);
            else drops++;
          } else if (o.op === 'deq') {
            expect(q.dequeue()).toBe(model.shift());
          } else {
            const out: number[] = [];
            expect(q.drainInto(out, o.n)).toBe(Math.min(o.n, model.length));
            expect(out).toEqual(model.splice(0, o.n));
          }
          expect(q.size).toBe(model.length);
          expect(q.size).toBeLessThanOrEqual(cap);
          expect(q.peek()).toBe(model[0]);
        }
        expect(q.dropped).toBe(drops);
        expect(q.enqueued + q.dropped).toBe(ops.filter((o) => o.op === 'enq').length);
      }),
    );
  });

  it('rejects a non-positive or fractional capacity', () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
    expect(() => new BoundedQueue(1.5)).toThrow(RangeError);
  });
});
