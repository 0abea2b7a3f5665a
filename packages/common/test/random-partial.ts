// Seeded random partials for the tests, built through PartialBuilder as the engine would.

import { type ChunkPartial, PartialBuilder } from '../src/index.ts';

/** mulberry32: small, seeded, good enough to vary test inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ABILITIES = [
  { source: 'player', spellId: 34026, name: 'Kill Command' },
  { source: 'player', spellId: 217200, name: 'Barbed Shot' },
  { source: 'player', spellId: 193455, name: 'Cobra Shot' },
  { source: 'pet', spellId: 16827, name: 'Claw' },
  { source: 'pet', spellId: 83381, name: 'Kill Command' },
] as const;

const BUFFS = [
  { auraId: 19574, name: 'Bestial Wrath' },
  { auraId: 272790, name: 'Frenzy' },
] as const;

/** Per-iteration DPS values as the builder saw them, for two-pass reference computations. */
export interface RandomRun {
  partial: ChunkPartial;
  dps: number[];
}

export function randomRun(seed: number, iterations: number, meanDps = 90_000, spreadDps = 8_000): RandomRun {
  const random = seededRandom(seed);
  const builder = new PartialBuilder();
  const dps: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const seconds = 280 + Math.floor(random() * 41);
    const value = Math.max(0, meanDps + (random() + random() + random() - 1.5) * 2 * spreadDps);
    dps.push(value);
    const timelineDamage: number[] = [];
    const timelineResource: number[] = [];
    for (let s = 0; s < seconds; s++) {
      timelineDamage.push(Math.floor(random() * 200_000));
      timelineResource.push(random() * 120);
    }
    builder.recordIteration({
      dps: value,
      fightLengthMs: seconds * 1000 - Math.floor(random() * 999),
      events: 3000 + Math.floor(random() * 500),
      abilities: ABILITIES.filter(() => random() < 0.9).map((a) => {
        const hits = 10 + Math.floor(random() * 90);
        return {
          ...a,
          damage: Math.floor(random() * 5_000_000),
          executes: hits,
          hits,
          crits: Math.floor(hits * random() * 0.5),
          ticks: a.spellId === 217200 ? Math.floor(hits / 2) : 0,
        };
      }),
      timelineDamage,
      timelineResource,
      buffs: BUFFS.filter(() => random() < 0.8).map((b) => ({
        ...b,
        uptimeMs: Math.floor(random() * 200_000),
      })),
    });
  }
  return { partial: builder.build(), dps };
}

export function randomPartial(seed: number, iterations: number): ChunkPartial {
  return randomRun(seed, iterations).partial;
}
