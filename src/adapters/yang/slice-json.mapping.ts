import type { IntentSlo, Isolation, SliceSpec } from '../../core/model/intent';
import { renameMembers, toDecimal64 } from './intent-json.mapping';

/**
 * The REST slice body `{"name","isolation","bandwidthShare","sloDefaults":{…}}` ↔ RFC 7951 JSON of
 * `autonet-slice` ↔ the core SliceSpec. Same rules as the intent mapping: faithful before validation,
 * defaults applied after it.
 */
export const SLICE_MODULE = 'autonet-slice';
export const SLICES_CONTAINER = `${SLICE_MODULE}:slices`;
export const SLICE_DEFAULTS = { isolation: 'soft' } as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const SLO_DEFAULTS = {
  bandwidthMbps: { yang: 'bandwidth-mbps', value: toDecimal64 },
  maxDelayUs: { yang: 'max-delay-us' },
  maxLossPct: { yang: 'max-loss-pct', value: toDecimal64 },
};
const SLICE = {
  bandwidthShare: { yang: 'bandwidth-share', value: toDecimal64 },
  'bandwidth-share': { yang: 'bandwidth-share', value: toDecimal64 },
  sloDefaults: {
    yang: 'slo-defaults',
    value: (v: unknown) => (isObject(v) ? renameMembers(v, SLO_DEFAULTS) : v),
  },
};

/** REST slice body → `{"autonet-slice:slices":{"slice":[…]}}`. */
export function sliceBodyToYang(body: unknown): Json {
  const slice = isObject(body) ? renameMembers(body, SLICE) : body;
  return { [SLICES_CONTAINER]: { slice: [slice] } };
}

/** Validated RFC 7951 slice → core SliceSpec. */
export function sliceYangToSpec(doc: unknown): SliceSpec {
  const container = isObject(doc) ? doc[SLICES_CONTAINER] : undefined;
  const list = isObject(container) ? container['slice'] : undefined;
  const entry = Array.isArray(list) ? (list[0] as unknown) : undefined;
  if (!isObject(entry)) throw new TypeError(`${SLICE_MODULE}: document holds no slice entry`);
  const slo = isObject(entry['slo-defaults']) ? entry['slo-defaults'] : undefined;
  const spec: SliceSpec = {
    name: String(entry['name']),
    isolation: (entry['isolation'] ?? SLICE_DEFAULTS.isolation) as Isolation,
    ...(entry['bandwidth-share'] !== undefined ? { bandwidthShare: Number(entry['bandwidth-share']) } : {}),
  };
  if (!slo) return spec;
  const defaults: Partial<IntentSlo> = {
    ...(slo['bandwidth-mbps'] !== undefined ? { bandwidthMbps: Number(slo['bandwidth-mbps']) } : {}),
    ...(slo['max-delay-us'] !== undefined ? { maxDelayUs: Number(slo['max-delay-us']) } : {}),
    ...(slo['max-loss-pct'] !== undefined ? { maxLossPct: Number(slo['max-loss-pct']) } : {}),
    ...(slo['availability'] !== undefined
      ? { availability: slo['availability'] as IntentSlo['availability'] }
      : {}),
  };
  return Object.keys(defaults).length > 0 ? { ...spec, sloDefaults: defaults } : spec;
}

/** Core SliceSpec → REST body. */
export function sliceSpecToBody(spec: SliceSpec): Json {
  return {
    name: spec.name,
    isolation: spec.isolation,
    ...(spec.bandwidthShare !== undefined ? { bandwidthShare: spec.bandwidthShare } : {}),
    ...(spec.sloDefaults !== undefined ? { sloDefaults: { ...spec.sloDefaults } } : {}),
  };
}
