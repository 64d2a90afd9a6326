import type { IntentSpec, Isolation } from '../model/intent';

const ISOLATION_RANK: Readonly<Record<Isolation, number>> = { shared: 0, soft: 1, hard: 2 };

export function isolationRank(isolation: Isolation): number {
  return ISOLATION_RANK[isolation];
}

/** 32-bit FNV-1a of a string (deterministic, no dependencies). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The RFC 9256 color of an intent's policies (ADR 0034): the high 16 bits carry the service class, the low
 * 16 bits tell intents of the same class apart.
 *
 *   class = 1 + 8 × isolationRank + priority          (1..24: shared p0 … hard p7)
 *   color = class × 65536 + (FNV-1a(intent name) mod 65536)
 *
 * So the color is a pure function of the intent, never 0, fits the YANG color-type (1..2^32−1), and a headend
 * can match its class with one mask (e.g. 0x00180000 for hard slices).
 */
export function colorOf(spec: IntentSpec): number {
  const serviceClass = 1 + 8 * isolationRank(spec.sle.isolation) + spec.priority;
  return serviceClass * 0x10000 + (fnv1a(spec.name) & 0xffff);
}

/** The service class encoded in a color (inverse of the high half of `colorOf`). */
export function serviceClassOf(color: number): { isolation: Isolation; priority: number } {
  const serviceClass = Math.floor(color / 0x10000) - 1;
  const rank = Math.floor(serviceClass / 8);
  const isolation =
    (Object.keys(ISOLATION_RANK) as Isolation[]).find((k) => ISOLATION_RANK[k] === rank) ?? 'shared';
  return { isolation, priority: serviceClass % 8 };
}
