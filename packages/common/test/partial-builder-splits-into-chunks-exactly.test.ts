import { describe, expect, it } from 'vitest';
import {
  encodeChunkPartial,
  type IterationRecord,
  mergeAllPartials,
  PartialBuilder,
  welfordView,
} from '../src/index.ts';
import { seededRandom } from './random-partial.ts';

function iterationRecords(count: number): IterationRecord[] {
  const random = seededRandom(42);
  return Array.from({ length: count }, () => {
    const seconds = 5 + Math.floor(random() * 5);
    return {
      dps: 50_000 + random() * 10_000,
      fightLengthMs: seconds * 1000 - 500,
      events: 100,
      abilities: [
        {
          source: 'player',
          spellId: 2,
          name: 'Cobra Shot',
          damage: 1000,
          executes: 2,
          hits: 2,
          crits: 1,
          ticks: 0,
        },
        ...(random() < 0.5
          ? [
              {
                source: 'pet' as const,
                spellId: 1,
                name: 'Bite',
                damage: 70,
                executes: 1,
                hits: 1,
                crits: 0,
                ticks: 0,
              },
            ]
          : []),
      ],
      timelineDamage: Array.from({ length: seconds }, () => Math.floor(random() * 5000)),
      timelineResource: Array.from({ length: seconds }, () => random() * 100),
      buffs: random() < 0.5 ? [{ auraId: 9, name: 'Frenzy', uptimeMs: 1234 }] : [],
    };
  });
}

function build(records: IterationRecord[]) {
  const builder = new PartialBuilder();
  for (const record of records) builder.recordIteration(record);
  return builder.build();
}

describe('PartialBuilder', () => {
  const records = iterationRecords(97);

  it('gives the same bytes for one range as for any split into chunks, merged', () => {
    const whole = encodeChunkPartial(build(records));
    for (const chunkSize of [1, 7, 32, 96]) {
      const chunks = [];
      for (let first = 0; first < records.length; first += chunkSize) {
        chunks.push(build(records.slice(first, first + chunkSize)));
      }
      expect(encodeChunkPartial(mergeAllPartials(chunks.reverse())), `chunks of ${chunkSize}`).toEqual(whole);
    }
  });

  it('counts running iterations per second and sorts what it collected', () => {
    const partial = build(records);
    expect(partial.timeline.samples[0]).toBe(97);
    expect(partial.timeline.samples[8]).toBe(records.filter((r) => r.timelineDamage.length > 8).length);
    expect(partial.abilities.map((a) => a.source)).toEqual(['player', 'pet']);
    expect(welfordView(partial).count).toBe(97);
  });

  it('keeps accumulating after build() without changing the snapshot', () => {
    const builder = new PartialBuilder();
    builder.recordIteration(records[0]!);
    const first = builder.build();
    const copy = structuredClone(first);
    builder.recordIteration(records[1]!);
    expect(first).toEqual(copy);
    expect(builder.build().iterations).toBe(2);
  });

  it('refuses numbers that would make sums depend on order', () => {
    const record = records[0]!;
    const builder = new PartialBuilder();
    const ability = record.abilities[Symbol.iterator]().next().value!;
    expect(() => builder.recordIteration({ ...record, abilities: [{ ...ability, damage: 10.5 }] })).toThrow(
      RangeError,
    );
    expect(() => builder.recordDps(Number.NaN)).toThrow(RangeError);
    expect(() => builder.recordTimeline([1, 2], [1])).toThrow(RangeError);
    expect(() => builder.recordFight(-1, 0)).toThrow(RangeError);
  });
});
