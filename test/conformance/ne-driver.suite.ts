import type { NodeId } from '../../src/core/model/ids';
import type { NeDriver, SrPolicyConfig, TelemetrySample } from '../../src/ports/ne-driver.port';

/** What a driver under test needs around it: a network to talk to, and how to tear both down. */
export interface NeDriverFixture {
  readonly driver: NeDriver;
  /** Headends the driver can configure; at least one, each with at least one NE interface. */
  readonly headends: readonly NodeId[];
  /** SIDs the network accepts in a segment list from this headend (at least one). */
  validSids(head: NodeId): string[];
  teardown(): Promise<void>;
}

/** A SID from the IPv6 documentation prefix: no network allocates it, so every driver must refuse it. */
const INVALID_SID = '2001:db8:dead:beef::1';

const policy = (headend: NodeId, name: string, sids: readonly string[], color = 100): SrPolicyConfig => ({
  name,
  headend,
  color,
  endpoint: sids[sids.length - 1]!,
  candidatePaths: [{ preference: 200, segmentLists: [{ weight: 1, sids }] }],
});

function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (cond()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error('conformance: condition not met in time'));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** Sockets and listening servers: what keeps a process alive after a driver that forgot to close. */
const handles = (): number =>
  process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP') || r.startsWith('UDP')).length;

type Counters = Extract<TelemetrySample, { kind: 'interface-counters' }>;

function expectMonotonic(samples: readonly Counters[]): void {
  const byIf = new Map<string, Counters[]>();
  for (const s of samples) byIf.set(s.interface, [...(byIf.get(s.interface) ?? []), s]);
  for (const series of byIf.values()) {
    for (let i = 1; i < series.length; i++) {
      expect(series[i]!.timestampNs).toBeGreaterThanOrEqual(series[i - 1]!.timestampNs);
      expect(series[i]!.inOctets).toBeGreaterThanOrEqual(series[i - 1]!.inOctets);
      expect(series[i]!.outOctets).toBeGreaterThanOrEqual(series[i - 1]!.outOctets);
    }
  }
  expect([...byIf.values()].some((series) => series.at(-1)!.inOctets > series[0]!.inOctets)).toBe(true);
}

/**
 * The NeDriver conformance suite (libp2p interface-compliance style): every driver runs it against its own
 * network fixture. It checks only the port's contract, never protocol details.
 */
export interface NeDriverCapabilities {
  /**
   * The driver can configure SR policies. A read-only driver (SNMP) must say so instead: `configurable()`
   * false, and every configuration call refused per resource without touching the NE.
   */
  readonly config: boolean;
}

export function describeNeDriver(
  name: string,
  setup: () => Promise<NeDriverFixture>,
  capabilities: NeDriverCapabilities = { config: true },
): void {
  const itConfig = capabilities.config ? it : it.skip;
  describe(`NeDriver conformance: ${name}`, () => {
    let fx: NeDriverFixture | undefined;
    afterEach(async () => {
      await fx?.teardown();
      fx = undefined;
    });

    itConfig('set, get and delete SR policies round trip', async () => {
      fx = await setup();
      const head = fx.headends[0]!;
      const p = policy(head, 'conf-rt', fx.validSids(head));
      const [set] = await fx.driver.setPolicies([p]);
      expect(set).toMatchObject({ ok: true });
      const [got] = await fx.driver.getPolicies([head]);
      expect(got?.ok).toBe(true);
      expect(got?.ok && got.value.find((x) => x.name === 'conf-rt')).toEqual(p);
      const [del] = await fx.driver.deletePolicies([{ headend: head, name: 'conf-rt' }]);
      expect(del).toMatchObject({ ok: true });
      const [after] = await fx.driver.getPolicies([head]);
      expect(after?.ok && after.value.map((x) => x.name)).toEqual([]);
    });

    itConfig('replacing a policy keeps only the new candidate paths', async () => {
      fx = await setup();
      const head = fx.headends[0]!;
      const sids = fx.validSids(head);
      await fx.driver.setPolicies([policy(head, 'conf-rep', sids, 100)]);
      const newer = policy(head, 'conf-rep', sids.slice(-1), 200);
      await fx.driver.setPolicies([newer]);
      const [got] = await fx.driver.getPolicies([head]);
      expect(got?.ok && got.value).toEqual([newer]);
    });

    itConfig('deleting an absent policy succeeds', async () => {
      fx = await setup();
      const results = await fx.driver.deletePolicies([{ headend: fx.headends[0]!, name: 'never-installed' }]);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ ok: true });
    });

    itConfig('an invalid SID fails only its own policy', async () => {
      fx = await setup();
      const head = fx.headends[0]!;
      const good = policy(head, 'conf-good', fx.validSids(head));
      const bad = policy(head, 'conf-bad', [INVALID_SID]);
      const results = await fx.driver.setPolicies([good, bad]);
      expect(results.map((r) => r.ok)).toEqual([true, false]);
      expect(results[0]!.resource).toContain('conf-good');
      expect(results[1]!.resource).toContain('conf-bad');
      expect(!results[1]!.ok && results[1]!.error.code).toEqual(expect.any(String));
      const [got] = await fx.driver.getPolicies([head]);
      expect(got?.ok && got.value.map((x) => x.name)).toEqual(['conf-good']);
    });

    if (!capabilities.config) {
      it('a read-only driver says so and refuses every policy per resource', async () => {
        fx = await setup();
        const head = fx.headends[0]!;
        expect(fx.driver.configurable?.(head)).toBe(false);
        const results = await fx.driver.setPolicies([policy(head, 'ro-1', []), policy(head, 'ro-2', [])]);
        expect(
          results.map((r) => [r.resource.includes('ro-1') || r.resource.includes('ro-2'), r.ok]),
        ).toEqual([
          [true, false],
          [true, false],
        ]);
        const [got] = await fx.driver.getPolicies([head]);
        expect(got?.ok && got.value).toEqual([]);
      });
    }

    it('subscribe delivers interface counters as bigint, monotonic per interface', async () => {
      fx = await setup();
      const head = fx.headends[0]!;
      const samples: Counters[] = [];
      const sub = await fx.driver.subscribe(
        [head],
        (s) => s.kind === 'interface-counters' && samples.push(s),
        { sampleIntervalMs: 1000 },
      );
      await waitFor(() => new Set(samples.map((s) => s.timestampNs)).size >= 3, 8000);
      await sub.close();
      expect(samples.every((s) => s.ne === head)).toBe(true);
      for (const s of samples) {
        expect(typeof s.inOctets).toBe('bigint');
        expect(typeof s.outOctets).toBe('bigint');
        expect(typeof s.timestampNs).toBe('bigint');
      }
      expectMonotonic(samples);
    });

    it('close() stops telemetry and leaves no open handles', async () => {
      fx = await setup();
      // Sockets of the fixture itself (listening servers); the driver must give back everything it opened.
      const baseline = handles();
      let count = 0;
      await fx.driver.subscribe(fx.headends, () => count++, { sampleIntervalMs: 1000 });
      await waitFor(() => count > 0, 8000);
      await fx.driver.close();
      const atClose = count;
      await new Promise((r) => setTimeout(r, 200));
      expect(count).toBe(atClose);
      await waitFor(() => handles() <= baseline, 3000);
      expect(handles()).toBeLessThanOrEqual(baseline);
    });
  });
}
