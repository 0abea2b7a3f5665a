import { describe, expect, it } from 'vitest';
import {
  type ChunkPartial,
  checkPartialPlausible,
  emptyPartial,
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
