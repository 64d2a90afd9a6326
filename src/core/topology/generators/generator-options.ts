import { GeneratorError } from './generator-error';
import type { GeoBox } from './geo-box';

export const TOPOLOGY_KINDS = ['ring', 'grid', 'waxman', 'random-geometric', 'isp'] as const;
export type TopologyKind = (typeof TOPOLOGY_KINDS)[number];

export const isTopologyKind = (s: string): s is TopologyKind =>
  (TOPOLOGY_KINDS as readonly string[]).includes(s);

/** How node masses of the gravity model are chosen. */
export type MassModel = 'random' | 'degree' | 'capacity';

/** Options of the gravity demand model, apart from the seed. */
export interface DemandOptions {
  /** Sum of all demands in Mbit/s; default: `scale` × the total one-way link capacity. */
  readonly totalMbps?: number;
  /** Fraction of the total one-way link capacity offered as demand when `totalMbps` is absent (default 0.05). */
  readonly scale?: number;
  /** Node masses: seeded log-normal (default), node degree or attached capacity. */
  readonly masses?: MassModel;
  /** Standard deviation of the multiplicative log-normal noise per demand (default 0.2; 0 = none). */
  readonly noise?: number;
  /** At most this many demands; above it pairs are sampled by gravity (default 10,000). */
  readonly maxDemands?: number;
}

export interface CommonOptions {
  /** Exact number of nodes. */
  readonly nodes: number;
  /** Any safe integer; the same seed always gives the same topology. */
  readonly seed: number;
  /** Topology name; default `<kind>-<nodes>-s<seed>`. */
  readonly name?: string;
  /** Where the unit square lands on Earth; default DEFAULT_GEO_BOX. */
  readonly box?: GeoBox;
  /** Also generate gravity demands (seeded from `seed`). */
  readonly demands?: boolean | DemandOptions;
}

export interface RingOptions extends CommonOptions {
  /** Extra links between random non-adjacent ring nodes (default 0). */
  readonly chords?: number;
}

export interface GridOptions extends CommonOptions {
  /** Rows and columns; both or neither, with rows × cols = nodes. Default: ceil(sqrt(N)) columns, last row partial. */
  readonly rows?: number;
  readonly cols?: number;
  /** Torus: close every row and column of 3 or more nodes (default false). */
  readonly wrap?: boolean;
}

export interface WaxmanOptions extends CommonOptions {
  /** Waxman α: P(u,v) = β·exp(−d / (α·L)), L = √2. Default: chosen for the mean degree. */
  readonly alpha?: number;
  /** Waxman β in (0, 1] (default 0.5). */
  readonly beta?: number;
  /** Target mean degree when α is not given (default 4). */
  readonly meanDegree?: number;
}

export interface RandomGeometricOptions extends CommonOptions {
  /** Connection radius in the unit square; default: chosen for the mean degree. */
  readonly radius?: number;
  /** Target mean degree when radius is not given (default 6). */
  readonly meanDegree?: number;
}

export interface IspOptions extends CommonOptions {
  /** Core (P) nodes; default clamp(round(sqrt(N)), 3, N − 1). */
  readonly coreNodes?: number;
  /** Share of PEs whose two uplinks share one conduit (one SRLG) (default 0.25). */
  readonly sharedConduitShare?: number;
}

export interface GeneratorOptionsByKind {
  readonly ring: RingOptions;
  readonly grid: GridOptions;
  readonly waxman: WaxmanOptions;
  readonly 'random-geometric': RandomGeometricOptions;
  readonly isp: IspOptions;
}

export type GeneratorOptions = GeneratorOptionsByKind[TopologyKind];

/** Fewest nodes each kind can honour. */
export const MIN_NODES: Readonly<Record<TopologyKind, number>> = {
  ring: 3,
  grid: 4,
  waxman: 2,
  'random-geometric': 2,
  isp: 4,
};

/** Most nodes: the default SRv6 plan has 16 locator node bits. */
export const MAX_NODES = 65_535;

const COMMON_KEYS = ['nodes', 'seed', 'name', 'box', 'demands'];
const KIND_KEYS: Readonly<Record<TopologyKind, readonly string[]>> = {
  ring: ['chords'],
  grid: ['rows', 'cols', 'wrap'],
  waxman: ['alpha', 'beta', 'meanDegree'],
  'random-geometric': ['radius', 'meanDegree'],
  isp: ['coreNodes', 'sharedConduitShare'],
};

/** Checks what every kind shares; kind-specific ranges are checked by each generator. */
export function checkCommonOptions(kind: TopologyKind, options: CommonOptions): void {
  const allowed = new Set([...COMMON_KEYS, ...KIND_KEYS[kind]]);
  for (const key of Object.keys(options)) {
    if (!allowed.has(key)) throw new GeneratorError(key, `not an option of the '${kind}' generator`);
  }
  requireInt('nodes', options.nodes, MIN_NODES[kind], MAX_NODES);
  if (!Number.isSafeInteger(options.seed)) {
    throw new GeneratorError('seed', `must be a safe integer, got ${String(options.seed)}`);
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new GeneratorError('name', 'must be a non-empty string');
  }
  if (options.box !== undefined) checkBox(options.box);
}

/** An integer option within [min, max]; returns it for chaining. */
export function requireInt(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new GeneratorError(option, `must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** A finite number option in (lo, hi] (or [lo, hi] when `closedLow`). */
export function requireNumber(
  option: string,
  value: unknown,
  lo: number,
  hi: number,
  closedLow = false,
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (closedLow ? value >= lo : value > lo) &&
    value <= hi;
  if (!ok) {
    throw new GeneratorError(
      option,
      `must be a number in ${closedLow ? '[' : '('}${lo}, ${hi}], got ${String(value)}`,
    );
  }
  return value;
}

function checkBox(box: GeoBox): void {
  const lat = (v: unknown): boolean => typeof v === 'number' && v >= -90 && v <= 90;
  const lon = (v: unknown): boolean => typeof v === 'number' && v >= -180 && v <= 180;
  if (!lat(box.minLat) || !lat(box.maxLat) || !lon(box.minLon) || !lon(box.maxLon)) {
    throw new GeneratorError('box', 'latitudes must lie in [-90, 90] and longitudes in [-180, 180]');
  }
  if (!(box.minLat < box.maxLat) || !(box.minLon < box.maxLon)) {
    throw new GeneratorError('box', 'min must be below max for both latitude and longitude');
  }
}
