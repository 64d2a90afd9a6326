import { InvalidQueryError } from '../errors';
import { parseQueryRange } from './query-range';

const NOW = Date.UTC(2026, 0, 1, 12);

describe('parseQueryRange', () => {
  it('defaults to the last hour in ~300 buckets of at least 1 s', () => {
    expect(parseQueryRange({}, NOW)).toEqual({ fromMs: NOW - 3_600_000, toMs: NOW, stepMs: 12_000 });
    expect(parseQueryRange({ from: '-1m' }, NOW).stepMs).toBe(1000);
  });

  it('reads epoch ms, ISO-8601, relative times and durations', () => {
    expect(parseQueryRange({ from: '1000', to: '2000', step: '10' }, NOW)).toEqual({
      fromMs: 1000,
      toMs: 2000,
      stepMs: 10,
    });
    expect(parseQueryRange({ from: '2026-01-01T11:00:00Z', to: '-5m', step: '1m' }, NOW)).toEqual({
      fromMs: NOW - 3_600_000,
      toMs: NOW - 300_000,
      stepMs: 60_000,
    });
  });

  it('refuses bad input with INVALID_QUERY', () => {
    for (const p of [
      { from: 'yesterday' },
      { step: '0' },
      { step: 'fast' },
      { from: '2000', to: '1000' },
      { from: '0', to: '100000000', step: '1' },
    ]) {
      expect(() => parseQueryRange(p, NOW)).toThrow(InvalidQueryError);
    }
  });
});
