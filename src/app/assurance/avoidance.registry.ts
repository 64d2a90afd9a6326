import type { PathEngineFactory, PathEngineLike, PlanVerifier } from '../../core/intent';

/**
 * Links and nodes the assurance loop asks path computation to avoid while an incident holds them suspect
 * (the whole equivalence class, never one guessed link). Held per incident and released when it resolves or
 * its repair is rolled back. Path queries get the union as `excludeLinks`/`excludeNodes`.
 */
export class AvoidanceRegistry {
  private readonly held = new Map<string, { links: string[]; nodes: string[] }>();
  /**
   * While set, disjoint queries may fall back to the pair sharing the fewest elements (a repair of a
   * protected intent whose disjoint pair cannot be rebuilt around the suspects).
   */
  partialDisjoint = false;
  /**
   * While set, a plan the twin predicts above the utilisation ceiling (but below capacity) is accepted: a
   * repair's last resort when every way around the suspects is busy, still better than staying on the fault.
   */
  overCeiling = false;

  hold(incident: string, links: readonly string[], nodes: readonly string[]): void {
    this.held.set(incident, { links: [...links], nodes: [...nodes] });
  }

  /** Lifts what the incident held; true when it held something (later plans have more room now). */
  release(incident: string): boolean {
    return this.held.delete(incident);
  }

  links(): string[] {
    return [...new Set([...this.held.values()].flatMap((h) => h.links))].sort();
  }

  nodes(): string[] {
    return [...new Set([...this.held.values()].flatMap((h) => h.nodes))].sort();
  }

  isEmpty(): boolean {
    return this.held.size === 0;
  }
}

/**
 * Wraps a path engine factory so that every query also excludes what the registry holds; endpoints of the
 * query itself are never excluded (an intent whose headend is suspect keeps its headend).
 */
export function avoidingEngineFactory(inner: PathEngineFactory, avoid: AvoidanceRegistry): PathEngineFactory {
  return (options) => {
    const engine = inner(options);
    const wrapped: PathEngineLike = {
      compute(query) {
        if (avoid.isEmpty()) return engine.compute(query);
        const ends = new Set<string>([query.from, query.to]);
        return engine.compute({
          ...query,
          ...(avoid.partialDisjoint && query.disjoint !== undefined && { allowPartialDisjoint: true }),
          excludeLinks: [...new Set([...(query.excludeLinks ?? []), ...avoid.links()])],
          excludeNodes: [
            ...new Set([...(query.excludeNodes ?? []), ...avoid.nodes().filter((n) => !ends.has(n))]),
          ],
        });
      },
    };
    return wrapped;
  };
}

/**
 * Wraps the plan verifier: while a repair asks for a partially disjoint pair, the protection check's failure
 * (the shared elements have no conforming backup) is reported, not refused: such a plan is chosen only when
 * no fully disjoint pair avoids the suspects, and it still moves the traffic off them.
 */
export function avoidingVerifier(inner: PlanVerifier, avoid: AvoidanceRegistry): PlanVerifier {
  return {
    verify(plan, spec, topology, ledger) {
      const v = inner.verify(plan, spec, topology, ledger);
      if (v.ok || (!avoid.partialDisjoint && !avoid.overCeiling)) return v;
      const checks = v.checks.map((c) => {
        if (c.ok) return c;
        if (c.check === 'protection' && avoid.partialDisjoint)
          return { ...c, ok: true, detail: `partially disjoint (assurance repair): ${c.detail}` };
        if (c.check === 'capacity' && avoid.overCeiling && belowCapacity(c.detail))
          return {
            ...c,
            ok: true,
            detail: `over the ceiling, below capacity (assurance repair): ${c.detail}`,
          };
        return c;
      });
      return { ok: checks.every((c) => c.ok), checks };
    },
  };
}

/** Whether a twin capacity refusal names only ceiling crossings (`arc (was → predicted)`) that stay below 1. */
function belowCapacity(detail: string): boolean {
  if (!detail.startsWith('twin: predicted utilisation above')) return false;
  const predicted = [...detail.matchAll(/→ ([0-9.]+)\)/g)].map((m) => Number(m[1]));
  return predicted.length > 0 && predicted.every((u) => Number.isFinite(u) && u < 1);
}
