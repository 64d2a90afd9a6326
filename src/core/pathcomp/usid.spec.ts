import fc from 'fast-check';
import { formatIpv6 } from '../model/ipv6';
import { SidTable, TopologyGraph } from '../topology';
import { DEFAULT_USID_FORMAT, packUsid, unpackUsid } from './usid';
import type { UsidFormat, UsidSegment } from './usid';

const formats: fc.Arbitrary<UsidFormat> = fc.constantFrom(
  { blockLength: 32, csidLength: 16 },
  { blockLength: 48, csidLength: 16 },
  { blockLength: 16, csidLength: 32 },
  { blockLength: 40, csidLength: 8 },
);

/** Random well-formed SIDs for a format: a few blocks, global node C-SIDs, local End.X functions. */
function segmentsFor(f: UsidFormat): fc.Arbitrary<UsidSegment[]> {
  const C = BigInt(f.csidLength);
  const local = (7n << C) / 8n;
  const blockBits = BigInt(f.blockLength);
  const blocks = fc.constantFrom(0xfcbbn << (blockBits - 16n), (0xfcbbn << (blockBits - 16n)) | 1n);
  const seg = fc.record({
    block: blocks,
    node: fc.bigInt({ min: 1n, max: local - 1n }),
    fn: fc.option(fc.bigInt({ min: local, max: (1n << C) - 1n }), { nil: undefined }),
  });
  return fc.array(seg, { maxLength: 14 }).map((list) =>
    list.map(({ block, node, fn }) => {
      const value =
        (block << (128n - blockBits)) |
        (node << (128n - blockBits - C)) |
        ((fn ?? 0n) << (128n - blockBits - 2n * C));
      return { sid: formatIpv6(value), behavior: fn === undefined ? ('End' as const) : ('End.X' as const) };
    }),
  );
}

const slotsUsed = (list: readonly UsidSegment[]): number =>
  list.reduce((n, s) => n + (s.behavior === 'End' ? 1 : 2), 0);

describe('uSID packing', () => {
  it('round-trips every segment list through containers', () => {
    fc.assert(
      fc.property(
        formats.chain((f) => fc.tuple(fc.constant(f), segmentsFor(f))),
        ([format, segments]) => {
          const packed = packUsid(segments, format);
          if (!packed.ok) throw new Error(packed.reason);
          expect(unpackUsid(packed.containers, format)).toEqual({ ok: true, segments });
          const slots = Math.floor((128 - format.blockLength) / format.csidLength);
          expect(packed.containers.length).toBeGreaterThanOrEqual(Math.ceil(slotsUsed(segments) / slots));
          expect(packed.containers.length).toBeLessThanOrEqual(Math.max(0, slotsUsed(segments)));
        },
      ),
    );
  });

  it('packs three uN SIDs into one container as in RFC 9800 (fcbb:bb00:100:200:300::)', () => {
    const segments: UsidSegment[] = ['fcbb:bb00:100::', 'fcbb:bb00:200::', 'fcbb:bb00:300::'].map((sid) => ({
      sid,
      behavior: 'End',
    }));
    expect(packUsid(segments)).toEqual({ ok: true, containers: ['fcbb:bb00:100:200:300::'] });
  });

  it('never splits an End.X between containers and round-trips the SIDs SidTable allocates', () => {
    const n = 8;
    const topo = TopologyGraph.build({
      name: 'ring',
      nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}` })),
      links: Array.from({ length: n }, (_, i) => ({
        id: `l${i}`,
        a: `n${i}`,
        b: `n${(i + 1) % n}`,
        ab: { capacityMbps: 1, delayUs: 1, igpMetric: 1 },
        ba: { capacityMbps: 1, delayUs: 1, igpMetric: 1 },
      })),
    });
    const all = [...SidTable.allocate(topo).all()].map((s) => ({ sid: s.sid, behavior: s.behavior }));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...all), { maxLength: 12 }), (segments) => {
        const packed = packUsid(segments, DEFAULT_USID_FORMAT);
        if (!packed.ok) throw new Error(packed.reason);
        expect(unpackUsid(packed.containers)).toEqual({ ok: true, segments });
      }),
    );
  });

  it('refuses SIDs that do not fit the format', () => {
    expect(packUsid([{ sid: 'fcbb:bb00:1:2:3::', behavior: 'End' }]).ok).toBe(false);
    expect(packUsid([{ sid: 'fcbb:bb00:1:e000::', behavior: 'End' }]).ok).toBe(false);
    expect(packUsid([{ sid: 'fcbb:bb00:1:5::', behavior: 'End.X' }]).ok).toBe(false);
    expect(packUsid([{ sid: 'fcbb:bb00:e001::', behavior: 'End' }]).ok).toBe(false);
    expect(unpackUsid(['fcbb:bb00:e000::']).ok).toBe(false);
    expect(packUsid([], { blockLength: 100, csidLength: 16 }).ok).toBe(false);
  });
});
