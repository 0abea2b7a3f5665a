// Deterministic stand-in partials for sentinel tests and benchmarks: iteration i's DPS is a
// pure function of (seed, i), like the engine's, so merged results can be compared exactly
// without running a simulation.

import { type ChunkPartial, PartialBuilder } from '@simforge/common';

export function syntheticDps(seed: number, iteration: number): number {
  let x = (Math.imul(iteration + 1, 0x9e3779b1) ^ seed) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
  x = (x ^ (x >>> 13)) >>> 0;
  return 10_000 + (x % 2_000_000) / 1000;
}

export function syntheticPartial(
  seed: number,
  firstIteration: number,
  count: number,
  dps: (seed: number, iteration: number) => number = syntheticDps,
): ChunkPartial {
  const builder = new PartialBuilder();
  for (let i = firstIteration; i < firstIteration + count; i++) {
    builder.recordIteration({
      dps: dps(seed, i),
      fightLengthMs: 300_000,
      events: 100,
      abilities: [
        {
          source: 'player',
          spellId: 75,
          name: 'Auto Shot',
          damage: 1000,
          executes: 1,
          hits: 1,
          crits: 0,
          ticks: 0,
        },
      ],
      timelineDamage: [400, 600],
      timelineResource: [50, 60],
      buffs: [],
    });
  }
  return builder.build();
}
