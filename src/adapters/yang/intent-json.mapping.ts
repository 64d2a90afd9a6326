import { nodeId } from '../../core/model/ids';
import type { IntentClassification, IntentSpec } from '../../core/model/intent';

/**
 * The REST intent body (camelCase JSON) ↔ RFC 7951 JSON of `autonet-intent` ↔ the core IntentSpec.
 *
 * `intentBodyToYang` is a faithful, total translation used *before* validation: known members are renamed,
 * decimal64 leaves given as JSON numbers become decimal strings (RFC 7951 §6.1), and everything else — unknown
 * members, wrong types, nulls — is passed on unchanged so that libyang reports it. Member names already in
 * YANG form (`bandwidth-mbps`) are accepted as aliases. `intentYangToSpec` is only meant for validated data.
 */
export const INTENT_MODULE = 'autonet-intent';
export const INTENTS_CONTAINER = `${INTENT_MODULE}:intents`;
/** YANG defaults of autonet-intent, applied when mapping validated data to the core. */
export const INTENT_DEFAULTS = { protection: 'none', isolation: 'shared', priority: 3 } as const;

/** The REST body as a client sends it (before validation nothing about it is known). */
export interface IntentBody {
  readonly name: string;
  readonly kind: string;
  readonly endpoints: { readonly a: string; readonly b: string };
  readonly slo: {
    readonly bandwidthMbps: number;
    readonly maxDelayUs?: number;
    readonly maxLossPct?: number;
    readonly availability?: string;
  };
  readonly sle?: { readonly protection?: string; readonly isolation?: string };
  readonly slice?: string;
  readonly priority?: number;
  readonly classification?: IntentClassification;
}

type Json = Record<string, unknown>;
type ValueMap = (value: unknown) => unknown;
interface Member {
  readonly yang: string;
  readonly value?: ValueMap;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON numbers for decimal64 leaves become their shortest decimal string; anything else is left to libyang. */
export const toDecimal64: ValueMap = (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v);
const identity =
  (module: string): ValueMap =>
  (v) =>
    typeof v === 'string' && !v.includes(':') ? `${module}:${v}` : v;
const nested =
  (members: Readonly<Record<string, Member>>): ValueMap =>
  (v) =>
    isObject(v) ? renameMembers(v, members) : v;

const SLO: Readonly<Record<string, Member>> = {
  bandwidthMbps: { yang: 'bandwidth-mbps', value: toDecimal64 },
  maxDelayUs: { yang: 'max-delay-us' },
  maxLossPct: { yang: 'max-loss-pct', value: toDecimal64 },
  'bandwidth-mbps': { yang: 'bandwidth-mbps', value: toDecimal64 },
  'max-loss-pct': { yang: 'max-loss-pct', value: toDecimal64 },
};
const CLASSIFICATION: Readonly<Record<string, Member>> = {
  intentClass: { yang: 'intent-class', value: identity(INTENT_MODULE) },
  'intent-class': { yang: 'intent-class', value: identity(INTENT_MODULE) },
  userType: { yang: 'user-type' },
};
const INTENT: Readonly<Record<string, Member>> = {
  kind: { yang: 'kind', value: identity(INTENT_MODULE) },
  slo: { yang: 'slo', value: nested(SLO) },
  classification: { yang: 'classification', value: nested(CLASSIFICATION) },
};

/** Renames known members (others keep their name) and maps their values. */
export function renameMembers(source: Json, members: Readonly<Record<string, Member>>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    const member = members[key];
    out[member?.yang ?? key] = member?.value ? member.value(value) : value;
  }
  return out;
}

/** REST body → RFC 7951 `{"autonet-intent:intents":{"intent":[…]}}`, ready for libyang. */
export function intentBodyToYang(body: unknown): Json {
  const intent = isObject(body) ? renameMembers(body, INTENT) : body;
  return { [INTENTS_CONTAINER]: { intent: [intent] } };
}

/** The single intent entry of a validated autonet-intent document. */
function intentEntry(doc: unknown): Json {
  const container = isObject(doc) ? doc[INTENTS_CONTAINER] : undefined;
  const list = isObject(container) ? container['intent'] : undefined;
  const entry = Array.isArray(list) ? (list[0] as unknown) : undefined;
  if (!isObject(entry)) throw new TypeError(`${INTENT_MODULE}: document holds no intent entry`);
  return entry;
}

const stripPrefix = (v: unknown): string => String(v).replace(/^[^:]*:/, '');
const optionalNumber = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));
const sub = (o: Json, key: string): Json => (isObject(o[key]) ? o[key] : {});

/** Validated RFC 7951 intent → core IntentSpec, with the module's defaults filled in. */
export function intentYangToSpec(doc: unknown): IntentSpec {
  const entry = intentEntry(doc);
  const endpoints = sub(entry, 'endpoints');
  const slo = sub(entry, 'slo');
  const sle = sub(entry, 'sle');
  const spec: IntentSpec = {
    name: String(entry['name']),
    kind: 'connectivity',
    endpoints: { a: nodeId(String(endpoints['a'])), b: nodeId(String(endpoints['b'])) },
    slo: compact({
      bandwidthMbps: Number(slo['bandwidth-mbps']),
      maxDelayUs: optionalNumber(slo['max-delay-us']),
      maxLossPct: optionalNumber(slo['max-loss-pct']),
      availability: slo['availability'] as IntentSpec['slo']['availability'],
    }),
    sle: {
      protection: (sle['protection'] ?? INTENT_DEFAULTS.protection) as IntentSpec['sle']['protection'],
      isolation: (sle['isolation'] ?? INTENT_DEFAULTS.isolation) as IntentSpec['sle']['isolation'],
    },
    priority: Number(entry['priority'] ?? INTENT_DEFAULTS.priority),
  };
  const classification = classificationOf(entry['classification']);
  return compact({ ...spec, slice: entry['slice'] as string | undefined, classification });
}

function classificationOf(value: unknown): IntentClassification | undefined {
  if (!isObject(value)) return undefined;
  const out = compact({
    intentClass: value['intent-class'] === undefined ? undefined : stripPrefix(value['intent-class']),
    userType: value['user-type'],
    solution: value['solution'],
    lifecycle: value['lifecycle'],
  }) as IntentClassification;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Core IntentSpec → REST body (the shape clients send and get back). */
export function intentSpecToBody(spec: IntentSpec): IntentBody {
  return compact({
    name: spec.name,
    kind: spec.kind,
    endpoints: { a: spec.endpoints.a, b: spec.endpoints.b },
    slo: compact({ ...spec.slo }),
    sle: { protection: spec.sle.protection, isolation: spec.sle.isolation },
    slice: spec.slice,
    priority: spec.priority,
    classification: spec.classification,
  });
}

/** Core IntentSpec → RFC 7951 autonet-intent document. */
export function intentSpecToYang(spec: IntentSpec): Json {
  return intentBodyToYang(intentSpecToBody(spec));
}

/** Drops members whose value is undefined (RFC 7951 has no undefined, and stored JSON stays minimal). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
