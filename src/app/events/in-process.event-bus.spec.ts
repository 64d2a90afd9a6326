import { InProcessEventBus } from './in-process.event-bus';

describe('InProcessEventBus', () => {
  it('delivers typed events to subscribers until they unsubscribe, isolating throwing handlers', () => {
    const errors: unknown[] = [];
    const bus = new InProcessEventBus((e) => errors.push(e));
    const seen: string[] = [];
    bus.on('intent.status', () => {
      throw new Error('boom');
    });
    const off = bus.on('intent.status', (e) => seen.push(`${e.intent}:${e.status}`));
    bus.emit('intent.status', { intent: 'x', status: 'accepted', version: 1, at: 't' });
    off();
    bus.emit('intent.status', { intent: 'x', status: 'compiled', version: 2, at: 't' });
    expect(seen).toEqual(['x:accepted']);
    expect(errors).toHaveLength(2);
    expect(bus.listenerCount('intent.status')).toBe(1);
  });
});
