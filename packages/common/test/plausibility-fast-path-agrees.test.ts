// checkPartialPlausible answers from one allocation-free pass and only runs the ordered checks
// (firstPartialProblem) on a partial that pass refuses. This pins that the pass never accepts
// a partial the ordered checks refuse, over thousands of seeded single-field tamperings.

import { describe, expect, it } from 'vitest';
import { type ChunkPartial, checkPartialPlausible, emptyPartial } from '../src/index.ts';
import { firstPartialProblem } from '../src/plausibility.ts';
import { randomPartial, seededRandom } from './random-partial.ts';

const ODD_VALUES = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  0,
  1,
  0.5,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
] as const;

type Tamper = (p: ChunkPartial, pick: <T>(list: readonly T[]) => T) => void;

function odd(pick: <T>(list: readonly T[]) => T, around: number): number {
  return pick([...ODD_VALUES, around + 1, around - 1, around * 2, Math.floor(around / 2)]);
}

const TAMPERS: Tamper[] = [
  (p, pick) => {
    p.iterations = odd(pick, p.iterations);
  },
  (p, pick) => {
    p.dpsMinMilli = odd(pick, p.dpsMinMilli);
  },
  (p, pick) => {
    p.dpsMaxMilli = odd(pick, p.dpsMaxMilli);
  },
  (p, pick) => {
    p.dpsSumMilli += pick([-1n, 1n, -p.dpsSumMilli * 2n, 10n ** 12n]);
  },
  (p, pick) => {
    p.dpsSumSqMilli += pick([-1n, 1n, -p.dpsSumSqMilli * 2n, 10n ** 20n]);
  },
  (p, pick) => {
    p.fightLengthMsSum = odd(pick, p.fightLengthMsSum);
  },
  (p, pick) => {
    p.events = odd(pick, p.events);
  },
  (p, pick) => {
    const h = pick(p.histogram);
    if (h === undefined) return;
    if (pick([true, false])) h.bin = odd(pick, h.bin);
    else h.count = odd(pick, h.count);
  },
  (p, pick) => {
    const k = Math.floor(pick([0, 0.5, 0.99]) * p.histogram.length);
    if (pick([true, false])) p.histogram.splice(k, 1);
    else if (p.histogram[k] !== undefined) p.histogram.splice(k, 0, { ...p.histogram[k]! });
  },
  (p, pick) => {
    const a = pick(p.abilities);
    if (a === undefined) return;
    const field = pick(['spellId', 'damage', 'executes', 'hits', 'crits', 'ticks'] as const);
    a[field] = odd(pick, a[field]);
  },
  (p, pick) => {
    const a = pick(p.abilities);
    if (a === undefined) return;
    if (pick([true, false])) a.name = 'x'.repeat(pick([200, 201]));
    else a.source = pick(['player', 'pet'] as const);
  },
  (p, pick) => {
    if (p.abilities.length < 2) return;
    const k = Math.floor(pick([0, 0.5, 0.99]) * (p.abilities.length - 1));
    const [x, y] = [p.abilities[k]!, p.abilities[k + 1]!];
    p.abilities[k] = y;
    p.abilities[k + 1] = pick([x, { ...y }]);
  },
  (p, pick) => {
    const b = pick(p.buffs);
    if (b === undefined) return;
    const field = pick(['auraId', 'uptimeMs'] as const);
    b[field] = odd(pick, b[field]);
    if (pick([true, false])) b.name = 'y'.repeat(pick([200, 201]));
  },
  (p, pick) => {
    if (p.buffs.length >= 2) p.buffs.reverse();
    else p.buffs.push({ auraId: 1, name: 'b', uptimeMs: pick([0, p.fightLengthMsSum + 1]) });
  },
  (p, pick) => {
    const list = pick([p.timeline.damage, p.timeline.resourceMilli, p.timeline.samples]);
    const k = Math.floor(pick([0, 0.5, 0.99]) * list.length);
    if (list[k] === undefined) return;
    const action = pick(['value', 'drop', 'push'] as const);
    if (action === 'value') list[k] = odd(pick, list[k]!);
    else if (action === 'drop') list.pop();
    else list.push(pick([0, 1]));
  },
];

describe('the fast plausibility pass', () => {
  it('accepts real partials (so it is the path taken) and agrees on them', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const partial = randomPartial(seed, 1 + seed * 37);
      expect(checkPartialPlausible(partial, partial.iterations)).toBeNull();
      expect(firstPartialProblem(partial, partial.iterations)).toBeNull();
    }
    expect(checkPartialPlausible(emptyPartial(), 0)).toBeNull();
  });

  it('never accepts a partial the ordered checks refuse, and reports what they report', () => {
    const random = seededRandom(20261126);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const bases = [emptyPartial(), ...Array.from({ length: 16 }, (_, k) => randomPartial(k + 1, 1 + k * 5))];
    let refused = 0;
    for (let round = 0; round < 4000; round++) {
      const partial = structuredClone(pick(bases));
      const expected = partial.iterations;
      for (let t = 0, tampers = 1 + Math.floor(random() * 2); t < tampers; t++) pick(TAMPERS)(partial, pick);
      const verdict = checkPartialPlausible(partial, expected);
      expect(verdict).toEqual(firstPartialProblem(partial, expected));
      if (verdict !== null) refused++;
    }
    expect(refused).toBeGreaterThan(2500);
  });
});
