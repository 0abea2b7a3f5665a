// A partial shaped like a real chunk's (a five-minute fight: 300 timeline seconds, a dozen
// abilities, a few buffs, a spread-out DPS histogram), so the merge the runtime does on every
// complete costs what it costs in production.

import { type ChunkPartial, PartialBuilder } from '@simforge/common';

export function benchPartial(iterations: number): ChunkPartial {
  const builder = new PartialBuilder();
  const damage = Array.from({ length: 300 }, (_, s) => 40_000 + ((s * 7919) % 9_000));
  const focus = Array.from({ length: 300 }, (_, s) => 40 + (s % 60));
  for (let i = 0; i < iterations; i++) {
    builder.recordIteration({
      dps: 140_000 + ((i * 104_729) % 20_000),
      fightLengthMs: 300_000,
      events: 9_000,
      abilities: Array.from({ length: 12 }, (_, a) => ({
        source: a < 9 ? ('player' as const) : ('pet' as const),
        spellId: 1000 + a,
        name: `Ability ${a}`,
        damage: 1_000_000 + a * 1000,
        executes: 50,
        hits: 50,
        crits: 12,
        ticks: 0,
      })),
      timelineDamage: damage,
      timelineResource: focus,
      buffs: [
        { auraId: 19574, name: 'Bestial Wrath', uptimeMs: 60_000 },
        { auraId: 272790, name: 'Frenzy', uptimeMs: 250_000 },
      ],
    });
  }
  return builder.build();
}

/** One iteration and nothing else: isolates the store's own bookkeeping from partial work. */
export function minimalPartial(): ChunkPartial {
  const builder = new PartialBuilder();
  builder.recordIteration({
    dps: 150_000,
    fightLengthMs: 300_000,
    events: 1,
    abilities: [],
    timelineDamage: [],
    timelineResource: [],
    buffs: [],
  });
  return builder.build();
}
