/**
 * `autonet topology show --json` on every real topology in ../shared/topologies gives the node counts of
 * SOURCES.md there, and as many arcs as the source has directed edges (undirected edges count twice).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

function run(cmd: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8' }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
}
const ROOT = join(__dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared', 'topologies');
const CLI = join(ROOT, 'bin', 'autonet');

// [file, nodes, directed edges of the source, self-loop edges dropped (undirected sources)]
type Row = readonly [string, number, number, number?];
const ZOO: readonly Row[] = (
  [
    ['Abilene', 11, 14],
    ['Sprint', 11, 18],
    ['Nsfnet', 13, 15],
    ['Internet2', 20, 26],
    ['AttMpls', 25, 57],
    ['Geant2001', 27, 38],
    ['Arpanet19728', 29, 32],
    ['Janetbackbone', 29, 45],
    ['Geant2012', 40, 61],
    ['Chinanet', 42, 66],
    ['Renater2010', 43, 56],
    ['Ntt', 47, 216],
    ['Bellcanada', 48, 65],
    ['Surfnet', 50, 73],
    ['Cesnet201006', 52, 63],
    ['Dfn', 58, 87],
    ['Esnet', 68, 92],
    ['Uninett2011', 69, 98],
    ['Interoute', 110, 158, 2],
    ['Deltacom', 113, 183],
    ['Ion', 125, 150],
    ['TataNld', 145, 194],
    ['GtsCe', 149, 193],
    ['UsCarrier', 158, 189],
    ['DialtelecomCz', 193, 151],
    ['Cogentco', 197, 245],
    ['Kdl', 754, 899],
  ] as const
).map(([f, n, e, loops]) => [`topologyzoo/${f}.gml`, n, 2 * e, loops] as const);

const REPETITA: readonly Row[] = [
  ['2016TopologyZooUCL_inverseCapacity/Abilene', 11, 28],
  ['2016TopologyZooUCL_inverseCapacity/Sprint', 11, 36],
  ['2016TopologyZooUCL_inverseCapacity/Nsfnet', 13, 30],
  ['2016TopologyZooUCL_inverseCapacity/AttMpls', 25, 114],
  ['2016TopologyZooUCL_inverseCapacity/Janetbackbone', 29, 90],
  ['2016TopologyZooUCL_inverseCapacity/Geant2012', 40, 122],
  ['2016TopologyZooUCL_inverseCapacity/Dfn', 58, 174],
  ['2016TopologyZooUCL_inverseCapacity/Uninett2011', 69, 196],
  ['2016TopologyZooUCL_inverseCapacity/GtsCe', 149, 386],
  ['2016TopologyZooUCL_inverseCapacity/Cogentco', 197, 490],
  ['2015DEFO/synth50_opt_hard', 50, 276],
  ['2015DEFO/rf3967_real_hard', 79, 294],
  ['2015DEFO/rf1755_real_hard', 87, 322],
  ['2015DEFO/synth100_opt_hard', 100, 572],
  ['2015DEFO/rf1221_real_hard', 104, 302],
  ['2015DEFO/rf6461_real_hard', 138, 744],
  ['2015DEFO/synth200_unary_hard', 199, 1044],
  ['2015DEFO/rf1239_real_hard', 315, 1944],
].map(([f, n, e]) => [`repetita/${f as string}.graph`, n as number, e as number] as const);

const TEAL: readonly Row[] = [
  ['teal/B4.json', 12, 38],
  ['teal/Kdl.json', 754, 1790],
  ['teal/ASN2k.json', 1739, 8558],
];

const TOPOHUB: readonly Row[] = [
  ['topohub/caida-2024-08/701.json', 211, 2 * 1108],
  ['topohub/caida-2024-08/3356.json', 404, 2 * 1997],
  ['topohub/caida-2024-08/7018.json', 594, 2 * 1674],
];

const present = existsSync(SHARED);
if (!present && process.env.CI) throw new Error(`../shared/topologies is missing at ${SHARED}`);
const maybe: jest.Describe = present ? describe : describe.skip;

maybe('topology show --json on ../shared/topologies', () => {
  it.concurrent.each(
    [...ZOO, ...REPETITA, ...TEAL, ...TOPOHUB].map(([file, nodes, arcs, selfLoops]) => ({
      file,
      nodes,
      arcs,
      selfLoops: selfLoops ?? 0,
    })),
  )(
    '$file has $nodes nodes and $arcs arcs',
    async ({ file, nodes, arcs, selfLoops }) => {
      const format = file.startsWith('teal/') ? ['--format', 'teal'] : [];
      const { stdout, stderr } = await run(process.execPath, [
        CLI,
        'topology',
        'show',
        join(SHARED, file),
        '--json',
        ...format,
      ]);
      const summary = JSON.parse(stdout) as {
        nodes: number;
        arcs: number;
        links: number;
        warnings: string[];
      };
      expect(summary.nodes).toBe(nodes);
      // A self-loop cannot carry traffic: dropped, and said so, never silently.
      expect(summary.arcs).toBe(arcs - 2 * selfLoops);
      expect(summary.warnings.filter((w) => w.includes('self-loop'))).toHaveLength(selfLoops);
      expect(stderr).toBe('');
    },
    60_000,
  );
});
