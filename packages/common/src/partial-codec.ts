// ChunkPartial <-> protobuf bytes. Encoding is deterministic (protobuf-es writes fields in
// number order and partials are canonical), so the same partial always gives the same bytes.
// Decoding turns 64-bit fields back into exact JS numbers and refuses what cannot be; whether
// the numbers are plausible is plausibility.ts's question. Decoding reads the wire directly
// (partial-decoder.ts); the *FromPb helpers serve the result and timeline views.

import { create, toBinary } from '@bufbuild/protobuf';
import { bigUintToBytes, toSafeNumber } from './biguint.ts';
import {
  type AbilitySums,
  AbilitySumsSchema,
  ActorSource as ActorSourcePb,
  type BuffSums,
  BuffSumsSchema,
  ChunkPartialSchema,
  type HistogramBin as HistogramBinPb,
  HistogramBinSchema,
  type TimelineSums,
  TimelineSumsSchema,
} from './gen/simforge/wire/v1/partial_pb.ts';
import type {
  AbilityPartial,
  ActorSource,
  BuffPartial,
  ChunkPartial,
  HistogramBin,
  TimelinePartial,
} from './partial.ts';
import { decodeChunkPartialFast } from './partial-decoder.ts';
import { variantSumsToPb } from './variant-sums-codec.ts';
import { WireError } from './wire-errors.ts';

function sourceToPb(source: ActorSource): ActorSourcePb {
  switch (source) {
    case 'player':
      return ActorSourcePb.PLAYER;
    case 'pet':
      return ActorSourcePb.PET;
    default: {
      const unknown: never = source;
      throw new RangeError(`unknown actor source ${String(unknown)}`);
    }
  }
}

function sourceFromPb(source: ActorSourcePb): ActorSource {
  if (source === ActorSourcePb.PLAYER) return 'player';
  if (source === ActorSourcePb.PET) return 'pet';
  throw new WireError('SF_WIRE_BAD_ENUM', `ability source ${source}`);
}

export function histogramToPb(histogram: readonly HistogramBin[]): HistogramBinPb[] {
  return histogram.map((h) => create(HistogramBinSchema, { bin: BigInt(h.bin), count: BigInt(h.count) }));
}

export function histogramFromPb(histogram: readonly HistogramBinPb[]): HistogramBin[] {
  return histogram.map((h) => ({
    bin: toSafeNumber(h.bin, 'histogram.bin'),
    count: toSafeNumber(h.count, 'histogram.count'),
  }));
}

export function abilitiesToPb(abilities: readonly AbilityPartial[]): AbilitySums[] {
  return abilities.map((a) =>
    create(AbilitySumsSchema, {
      source: sourceToPb(a.source),
      spellId: a.spellId,
      name: a.name,
      damage: BigInt(a.damage),
      executes: BigInt(a.executes),
      hits: BigInt(a.hits),
      crits: BigInt(a.crits),
      ticks: BigInt(a.ticks),
    }),
  );
}

export function abilitiesFromPb(abilities: readonly AbilitySums[]): AbilityPartial[] {
  return abilities.map((a) => ({
    source: sourceFromPb(a.source),
    spellId: a.spellId,
    name: a.name,
    damage: toSafeNumber(a.damage, 'ability.damage'),
    executes: toSafeNumber(a.executes, 'ability.executes'),
    hits: toSafeNumber(a.hits, 'ability.hits'),
    crits: toSafeNumber(a.crits, 'ability.crits'),
    ticks: toSafeNumber(a.ticks, 'ability.ticks'),
  }));
}

export function buffsToPb(buffs: readonly BuffPartial[]): BuffSums[] {
  return buffs.map((b) =>
    create(BuffSumsSchema, { auraId: b.auraId, name: b.name, uptimeMs: BigInt(b.uptimeMs) }),
  );
}

export function buffsFromPb(buffs: readonly BuffSums[]): BuffPartial[] {
  return buffs.map((b) => ({
    auraId: b.auraId,
    name: b.name,
    uptimeMs: toSafeNumber(b.uptimeMs, 'buff.uptimeMs'),
  }));
}

export function numbersToPb(values: readonly number[]): bigint[] {
  return values.map((v) => BigInt(v));
}

export function numbersFromPb(values: readonly bigint[], field: string): number[] {
  return values.map((v) => toSafeNumber(v, field));
}

function timelineToPb(timeline: TimelinePartial): TimelineSums {
  return create(TimelineSumsSchema, {
    damage: numbersToPb(timeline.damage),
    resourceMilli: numbersToPb(timeline.resourceMilli),
    samples: numbersToPb(timeline.samples),
  });
}

export function encodeChunkPartial(partial: ChunkPartial): Uint8Array {
  const message = create(ChunkPartialSchema, {
    iterations: BigInt(partial.iterations),
    dpsSumMilli: bigUintToBytes(partial.dpsSumMilli),
    dpsSumSqMilli: bigUintToBytes(partial.dpsSumSqMilli),
    dpsMinMilli: BigInt(partial.dpsMinMilli),
    dpsMaxMilli: BigInt(partial.dpsMaxMilli),
    histogram: histogramToPb(partial.histogram),
    abilities: abilitiesToPb(partial.abilities),
    timeline: timelineToPb(partial.timeline),
    buffs: buffsToPb(partial.buffs),
    fightLengthMsSum: BigInt(partial.fightLengthMsSum),
    events: BigInt(partial.events),
    variants: (partial.variants ?? []).map(variantSumsToPb),
  });
  return toBinary(ChunkPartialSchema, message);
}

/**
 * Throws WireError (SF_WIRE_MALFORMED, SF_WIRE_NUMBER_RANGE, SF_WIRE_BAD_ENUM) on bytes it cannot read.
 * Reads the wire format directly (partial-decoder.ts): the hot path of every `complete`.
 */
export function decodeChunkPartial(bytes: Uint8Array): ChunkPartial {
  return decodeChunkPartialFast(bytes);
}
