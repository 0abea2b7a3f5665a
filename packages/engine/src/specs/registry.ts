// The one place that knows which specs exist. The profile parser, requiredGameData,
// createSimulation and planJob/runChunk take a registry (the default when none is given), so
// a test can simulate a spec of its own by building a registry that holds it, without
// registering anything globally. Adding a spec to simforge is its folder plus one line here.
import { BEAST_MASTERY } from './beast-mastery/spec.ts';
import type { Spec } from './spec.ts';

export class SpecRegistry {
  private readonly specs: readonly Spec[];

  constructor(specs: readonly Spec[]) {
    if (specs.length === 0) throw new Error('a spec registry needs at least one spec');
    const seen = new Set<string>();
    for (const spec of specs) {
      const key = `${spec.classToken}/${spec.specToken}`;
      if (seen.has(key)) throw new Error(`spec ${key} is registered twice`);
      seen.add(key);
      // The resource token in conditions and the resource the timeline samples are one thing.
      if (spec.catalog.resource !== spec.resource.name) {
        throw new Error(
          `spec ${key}: catalog resource '${spec.catalog.resource}' is not '${spec.resource.name}'`,
        );
      }
    }
    this.specs = [...specs];
  }

  /** A new registry with these specs added after the existing ones; this one is unchanged. */
  with(...specs: Spec[]): SpecRegistry {
    return new SpecRegistry([...this.specs, ...specs]);
  }

  get all(): readonly Spec[] {
    return this.specs;
  }

  find(classToken: string, specToken: string): Spec | undefined {
    return this.specs.find((s) => s.classToken === classToken && s.specToken === specToken);
  }

  hasClass(classToken: string): boolean {
    return this.specs.some((s) => s.classToken === classToken);
  }

  /** The spec a class line means without a `spec=` line: the class's first registered spec. */
  defaultSpecOf(classToken: string): Spec | undefined {
    return this.specs.find((s) => s.classToken === classToken);
  }

  /** A spec of any class with this token (used while the class line itself is refused). */
  findSpecToken(specToken: string): Spec | undefined {
    return this.specs.find((s) => s.specToken === specToken);
  }

  /**
   * The first registered spec. The parser checks a profile's priority list against its
   * catalogue when the class or spec cannot be told, so every other error is still reported.
   */
  get fallback(): Spec {
    return this.specs[0]!;
  }
}

/** What simforge simulates. One line per spec. */
export const DEFAULT_SPEC_REGISTRY = new SpecRegistry([BEAST_MASTERY]);
