import { soakJobs } from './assurance-jobs';

describe('soakJobs', () => {
  it('keeps the one-day soak as it was: Abilene, seed 4, four 6-hour chunks', () => {
    expect(soakJobs(1)).toEqual(
      [0, 6, 12, 18].map((fromHour) => ({
        kind: 'soak',
        topology: 'abilene',
        seed: 4,
        intents: 60,
        fromHour,
        hours: 6,
      })),
    );
  });

  it('gives each further day its own seed, alternating GÉANT and Abilene, and covers every hour of each day', () => {
    const jobs = soakJobs(26);
    expect(jobs).toHaveLength(104);
    const days = new Map<number, { topology: string; hours: number[] }>();
    for (const j of jobs) {
      if (j.kind !== 'soak') throw new Error('not a soak job');
      const d = days.get(j.seed) ?? { topology: j.topology, hours: [] };
      expect(j.topology).toBe(d.topology);
      d.hours.push(j.fromHour);
      days.set(j.seed, d);
    }
    expect(days.size).toBe(26);
    expect([...days.values()].filter((d) => d.topology === 'geant2012')).toHaveLength(13);
    for (const d of days.values()) expect(d.hours).toEqual([0, 6, 12, 18]);
  });

  it('refuses a day count that is not a whole number ≥ 1, naming it', () => {
    expect(() => soakJobs(0)).toThrow('--soak-days must be a whole number ≥ 1, got 0');
    expect(() => soakJobs(1.5)).toThrow('got 1.5');
    expect(() => soakJobs(Number.NaN)).toThrow('got NaN');
  });
});
