// Compiled simulations kept for the next chunk of the same job: a worker runs many. Keyed by
// registry, game-data bundle and profile text (the same text can mean another spec under
// another registry); WeakMaps, so a dropped bundle or registry frees what was compiled for it.
import type { GameDataBundle } from '@simforge/gamedata';
import type { SpecRegistry } from './specs/registry.ts';

export class CompiledCache<T> {
  private readonly byRegistry = new WeakMap<SpecRegistry, WeakMap<GameDataBundle, Map<string, T>>>();

  /** @param perBundle texts kept per bundle; the oldest go all at once past it. */
  constructor(private readonly perBundle: number) {}

  get(registry: SpecRegistry, data: GameDataBundle, text: string, compile: () => T): T {
    let byBundle = this.byRegistry.get(registry);
    if (!byBundle) {
      byBundle = new WeakMap();
      this.byRegistry.set(registry, byBundle);
    }
    let byText = byBundle.get(data);
    if (!byText) {
      byText = new Map();
      byBundle.set(data, byText);
    }
    let value = byText.get(text);
    if (value === undefined) {
      value = compile();
      if (byText.size >= this.perBundle) byText.clear();
      byText.set(text, value);
    }
    return value;
  }
}
