import type { PathEngineFactory, PathEngineLike } from '../../core/intent';

/**
 * Links and nodes the assurance loop asks path computation to avoid while an incident holds them suspect
 * (the whole equivalence class, never one guessed link). Held per incident and released when it resolves or
 * its repair is rolled back. Path queries get the union as `excludeLinks`/`excludeNodes`.
 */
export class AvoidanceRegistry {
  private readonly held = new Map<string, { links: string[]; nodes: string[] }>();

  hold(incident: string, links: readonly string[], nodes: readonly string[]): void {
    this.held.set(incident, { links: [...links], nodes: [...nodes] });
  }

  release(incident: string): void {
    this.held.delete(incident);
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
