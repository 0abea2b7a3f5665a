import { describe, expect, it } from 'vitest';
import {
  addVariantIteration,
  type ChunkPartial,
  checkPartialPlausible,
  emptyPartial,
  emptyVariantSums,
  PARTIAL_LIMITS,
  type WireErrorCode,
} from '../src/index.ts';
import { randomPartial } from './random-partial.ts';

const good = randomPartial(11, 200);

function tampered(change: (p: ChunkPartial) => void): ChunkPartial {
  const copy = structuredClone(good);
  change(copy);
  return copy;
}

describe('checkPartialPlausible', () => {
  it('accepts what the builder produces, and the empty partial for zero iterations', () => {
    expect(checkPartialPlausible(good, 200)).toBeNull();
    expect(checkPartialPlausible(emptyPartial(), 0)).toBeNull();
  });

  const cases: Array<[string, WireErrorCode, ChunkPartial, number?]> = [
    ['a different iteration count than the chunk', 'SF_WIRE_PARTIAL_ITERATIONS_MISMATCH', good, 199],
    [
      'fractional iterations',
      'SF_WIRE_PARTIAL_ITERATIONS_MISMATCH',
      tampered((p) => {
        p.iterations = 200.5;
      }),
    ],
    [
      'NaN damage',
      'SF_WIRE_PARTIAL_NOT_INTEGER',
      tampered((p) => {
        p.abilities[0]!.damage = Number.NaN;
      }),
    ],
    [
      'infinite events',
      'SF_WIRE_PARTIAL_NOT_INTEGER',
      tampered((p) => {
        p.events = Number.POSITIVE_INFINITY;
      }),
    ],
    [
      'negative uptime',
      'SF_WIRE_PARTIAL_NOT_INTEGER',
      tampered((p) => {
        p.buffs[0]!.uptimeMs = -1;
      }),
    ],
    [
      'fractional timeline damage',
      'SF_WIRE_PARTIAL_NOT_INTEGER',
      tampered((p) => {
        p.timeline.damage[3] = 0.5;
      }),
    ],
    [
      'a negative DPS sum',
      'SF_WIRE_PARTIAL_NOT_INTEGER',
      tampered((p) => {
        p.dpsSumMilli = -1n;
      }),
    ],
    [
      'min above max',
      'SF_WIRE_PARTIAL_MIN_MAX',
      tampered((p) => {
        p.dpsMinMilli = p.dpsMaxMilli + 1;
      }),
    ],
    [
      'a mean above max',
      'SF_WIRE_PARTIAL_MIN_MAX',
      tampered((p) => {
        p.dpsSumMilli = BigInt(p.dpsMaxMilli) * 201n;
      }),
    ],
    [
      'a mean below min',
      'SF_WIRE_PARTIAL_MIN_MAX',
      tampered((p) => {
        p.dpsSumMilli = BigInt(p.dpsMinMilli) * 199n;
      }),
    ],
    [
      'negative M2',
      'SF_WIRE_PARTIAL_NEGATIVE_M2',
      tampered((p) => {
        p.dpsSumSqMilli = (p.dpsSumMilli * p.dpsSumMilli) / 200n - 1n;
      }),
    ],
    [
      'a sum of squares past n*max^2',
      'SF_WIRE_PARTIAL_MIN_MAX',
      tampered((p) => {
        p.dpsSumSqMilli = BigInt(p.dpsMaxMilli) ** 2n * 201n;
      }),
    ],
    [
      'histogram counts off by one',
      'SF_WIRE_PARTIAL_HISTOGRAM_MISMATCH',
      tampered((p) => {
        p.histogram[0]!.count += 1;
      }),
    ],
    [
      'a histogram that misses min',
      'SF_WIRE_PARTIAL_HISTOGRAM_MISMATCH',
      tampered((p) => {
        p.histogram[0]!.bin -= 1;
      }),
    ],
    [
      'unsorted abilities',
      'SF_WIRE_PARTIAL_NOT_CANONICAL',
      tampered((p) => {
        p.abilities.reverse();
      }),
    ],
    [
      'a repeated histogram bin',
      'SF_WIRE_PARTIAL_NOT_CANONICAL',
      tampered((p) => {
        p.histogram[1]!.bin = p.histogram[0]!.bin;
      }),
    ],
    [
      'timeline lists of different lengths',
      'SF_WIRE_PARTIAL_NOT_CANONICAL',
      tampered((p) => {
        p.timeline.resourceMilli.pop();
      }),
    ],
    [
      'more crits than hits',
      'SF_WIRE_PARTIAL_INCONSISTENT',
      tampered((p) => {
        p.abilities[0]!.crits = p.abilities[0]!.hits + 1;
      }),
    ],
    [
      'more running iterations than iterations',
      'SF_WIRE_PARTIAL_INCONSISTENT',
      tampered((p) => {
        p.timeline.samples[0] = 201;
      }),
    ],
    [
      'a buff up longer than the fights',
      'SF_WIRE_PARTIAL_INCONSISTENT',
      tampered((p) => {
        p.buffs[0]!.uptimeMs = p.fightLengthMsSum + 1;
      }),
    ],
    [
      'an absurd timeline',
      'SF_WIRE_PARTIAL_TOO_LARGE',
      tampered((p) => {
        const seconds = PARTIAL_LIMITS.timelineSeconds + 1;
        p.timeline = {
          damage: new Array(seconds).fill(0),
          resourceMilli: new Array(seconds).fill(0),
          samples: new Array(seconds).fill(0),
        };
      }),
    ],
    [
      'an absurd name',
      'SF_WIRE_PARTIAL_TOO_LARGE',
      tampered((p) => {
        p.abilities[0]!.name = 'x'.repeat(10_000);
      }),
    ],
  ];

  it.each(cases)('refuses %s with %s', (_what, code, partial, expected = 200) => {
    expect(checkPartialPlausible(partial, expected)).toEqual({ code, message: expect.any(String) });
  });
});

describe("checkPartialPlausible on a profileset chunk's variants", () => {
  // A variant built the way the engine builds one: the base's DPS per iteration shifted.
  const withVariants = (count: number, shift = 500): ChunkPartial => {
    const variants = Array.from({ length: count }, () => {
      const v = emptyVariantSums();
      // 200 iterations between the base's min and max, each `shift` milli-DPS above the base's.
      for (let i = 0; i < 200; i++) {
        const base = i % 2 === 0 ? good.dpsMinMilli : good.dpsMaxMilli;
        addVariantIteration(v, base + shift, base);
      }
      return v;
    });
    return {
      ...structuredClone(good),
      dpsSumMilli: 100n * BigInt(good.dpsMinMilli + good.dpsMaxMilli),
      dpsSumSqMilli: 100n * (BigInt(good.dpsMinMilli) ** 2n + BigInt(good.dpsMaxMilli) ** 2n),
      variants,
    };
  };

  it('accepts variants as the engine makes them', () => {
    expect(checkPartialPlausible(withVariants(3), 200, 3)).toBeNull();
  });

  it.each([
    [
      'a variant over other iterations',
      'SF_WIRE_PARTIAL_ITERATIONS_MISMATCH',
      (p: ChunkPartial) => {
        p.variants![1]!.iterations = 199;
      },
    ],
    [
      'differences with a negative variance',
      'SF_WIRE_PARTIAL_NEGATIVE_M2',
      (p: ChunkPartial) => {
        p.variants![0]!.diffSumSqMilli = 1n;
      },
    ],
    [
      'a mean difference the DPS ranges cannot give',
      'SF_WIRE_PARTIAL_MIN_MAX',
      (p: ChunkPartial) => {
        p.variants![0]!.diffSumMilli = 10n ** 15n;
        p.variants![0]!.diffSumSqMilli = 10n ** 30n;
      },
    ],
    [
      "a variant's DPS min above its max",
      'SF_WIRE_PARTIAL_MIN_MAX',
      (p: ChunkPartial) => {
        p.variants![2]!.dpsMinMilli = p.variants![2]!.dpsMaxMilli + 1;
      },
    ],
  ] as const)('refuses %s with %s', (_name, code, change) => {
    const partial = withVariants(3);
    change(partial);
    expect(checkPartialPlausible(partial, 200, 3)?.code).toBe(code);
  });

  it(`refuses more than ${PARTIAL_LIMITS.variants} variants`, () => {
    expect(
      checkPartialPlausible(withVariants(PARTIAL_LIMITS.variants + 1), 200, PARTIAL_LIMITS.variants + 1)
        ?.code,
    ).toBe('SF_WIRE_PARTIAL_TOO_LARGE');
  });
});
