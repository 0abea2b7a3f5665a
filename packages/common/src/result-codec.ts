// Encoding a job's merged partial into the two columns finalize_job writes: `result_pb`
// (JobResult) and `timeline_pb` (JobTimeline). Everything except the optional run metadata is
// a pure function of the merged partial (and of the profile and game data, for its talents and
// warnings), so a job gives the same bytes on 1 node or 20.

import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { bigUintToBytes } from './biguint.ts';
import {
  ChosenTalentSchema,
  type JobCharacter as JobCharacterPb,
  JobCharacterSchema,
  type JobResult,
  JobResultSchema,
  JobRunMetaSchema,
  type JobTalents as JobTalentsPb,
  JobTalentsSchema,
  NodeContributionSchema,
  ProfilesetResultSchema,
  ProfileWarningSchema,
  TalentTreeKind,
} from './gen/simforge/wire/v1/result_pb.ts';
import { type JobTimeline, JobTimelineSchema } from './gen/simforge/wire/v1/timeline_pb.ts';
import { type ChunkPartial, DPS_HISTOGRAM_BIN_MILLI, type TimelinePartial } from './partial.ts';
import { abilitiesToPb, buffsToPb, histogramToPb, numbersToPb } from './partial-codec.ts';
import type { RaceStop } from './reproducibility/race.ts';
import { emptyVariantSums, type VariantSums } from './variant-sums.ts';
import { variantSumsToPb } from './variant-sums-codec.ts';
import { variantView } from './variant-view.ts';
import { welfordView } from './welford.ts';
import { WireError } from './wire-errors.ts';

/** Bumped when the meaning of a JobResult field changes incompatibly. */
export const JOB_RESULT_FORMAT_VERSION = 1;

/** Width of a timeline bin. */
export const TIMELINE_BIN_MS = 1000;

export interface NodeContribution {
  nodeId: string;
  iterations: number;
  chunks: number;
}

/** How one run of a job went. Not deterministic: leave it out where result bytes are compared. */
export interface JobRunMeta {
  wallTimeMs: number;
  chunks: number;
  nodes: NodeContribution[];
}

/** One talent a profile takes, as the engine read it. */
export interface ResultTalent {
  name: string;
  /** As action lists write it: `talent.<token>`. */
  token: string;
  ranks: number;
  tree: 'class' | 'spec' | 'hero';
  /** False: the engine does not simulate it yet; the job ran without it. */
  modelled: boolean;
}

/** A profile's talents: a pure function of the profile and the game data, so part of the deterministic bytes. */
export interface JobTalents {
  heroTree: string | null;
  /** In the tree's node order. */
  talents: ResultTalent[];
}

const TREE_KINDS: Record<ResultTalent['tree'], TalentTreeKind> = {
  class: TalentTreeKind.CLASS,
  spec: TalentTreeKind.SPEC,
  hero: TalentTreeKind.HERO,
};

function talentsToPb(talents: JobTalents): JobTalentsPb {
  return create(JobTalentsSchema, {
    heroTree: talents.heroTree ?? '',
    talents: talents.talents.map((t) =>
      create(ChosenTalentSchema, {
        name: t.name,
        token: t.token,
        ranks: t.ranks,
        tree: TREE_KINDS[t.tree],
        modelled: t.modelled,
      }),
    ),
  });
}

export function talentsFromPb(message: JobTalentsPb): JobTalents {
  return {
    heroTree: message.heroTree === '' ? null : message.heroTree,
    // A tree kind this reader does not know (written by a newer one) drops that talent, not the result.
    talents: message.talents.flatMap((t) => {
      const tree = (Object.keys(TREE_KINDS) as ResultTalent['tree'][]).find((k) => TREE_KINDS[k] === t.tree);
      return tree === undefined
        ? []
        : [{ name: t.name, token: t.token, ranks: t.ranks, tree, modelled: t.modelled }];
    }),
  };
}

/** A profile line the engine accepted but does not simulate. */
export interface ResultWarning {
  line: number;
  column: number;
  message: string;
}

/** Who was simulated in what fight, for a report's header: a pure function of the profile and the game data. */
export interface JobCharacter {
  name: string;
  race: string;
  level: number;
  spec: string;
  /** Mean item level of the item lines the game data resolved; null when none did. */
  itemLevel: number | null;
  fightStyle: string;
  targets: number;
  maxTimeMs: number;
  /** The raid's buffs and debuffs that apply. */
  raidBuffs: string[];
  /** Raid effects on in the profile that the engine does not simulate yet (Bloodlust). */
  raidNotSimulated: string[];
}

function characterToPb(c: JobCharacter): JobCharacterPb {
  return create(JobCharacterSchema, {
    name: c.name,
    race: c.race,
    level: c.level,
    spec: c.spec,
    itemLevelCenti: c.itemLevel === null ? 0 : Math.round(c.itemLevel * 100),
    fightStyle: c.fightStyle,
    targets: c.targets,
    maxTimeMs: c.maxTimeMs,
    raidBuffs: [...c.raidBuffs],
    raidNotSimulated: [...c.raidNotSimulated],
  });
}

export function characterFromPb(m: JobCharacterPb): JobCharacter {
  return {
    name: m.name,
    race: m.race,
    level: m.level,
    spec: m.spec,
    itemLevel: m.itemLevelCenti === 0 ? null : m.itemLevelCenti / 100,
    fightStyle: m.fightStyle,
    targets: m.targets,
    maxTimeMs: m.maxTimeMs,
    raidBuffs: [...m.raidBuffs],
    raidNotSimulated: [...m.raidNotSimulated],
  };
}

export interface JobResultExtras {
  /** The profile's talents (deterministic). */
  talents?: JobTalents;
  /** The character and the fight (deterministic). */
  character?: JobCharacter;
  /** The profile's warnings (deterministic). */
  warnings?: readonly ResultWarning[];
  /** How this run went (not deterministic). */
  run?: JobRunMeta;
  /**
   * A profileset's variants, in the profile's order (deterministic); the base is `merged`.
   * `stoppedBehind`: a race stopped the variant behind this one (a variant's index, -1 for the base).
   */
  profilesets?: readonly { name: string; sums: VariantSums; stoppedBehind?: number }[];
}

/**
 * A profileset's variants as a result records them: named in the profile's order, with their
 * sums (empty for one no chunk ran) and, for a race, whom each stopped behind.
 */
export function profilesetResults(
  names: readonly string[],
  variants: readonly VariantSums[] | undefined,
  stops: readonly RaceStop[] = [],
): NonNullable<JobResultExtras['profilesets']> {
  const behind = new Map(stops.map((s) => [s.variant, s.leader]));
  return names.map((name, k) => {
    const stoppedBehind = behind.get(k);
    return {
      name,
      sums: variants?.[k] ?? emptyVariantSums(),
      ...(stoppedBehind === undefined ? {} : { stoppedBehind }),
    };
  });
}

export function encodeJobResult(merged: ChunkPartial, extras: JobResultExtras = {}): Uint8Array {
  const { talents, warnings, run, character, profilesets } = extras;
  const view = welfordView(merged);
  const message = create(JobResultSchema, {
    formatVersion: JOB_RESULT_FORMAT_VERSION,
    iterations: BigInt(merged.iterations),
    dpsSumMilli: bigUintToBytes(merged.dpsSumMilli),
    dpsSumSqMilli: bigUintToBytes(merged.dpsSumSqMilli),
    dpsMinMilli: BigInt(merged.dpsMinMilli),
    dpsMaxMilli: BigInt(merged.dpsMaxMilli),
    dpsMean: view.mean,
    dpsM2: view.m2,
    dpsStddev: view.stddev,
    dpsHalfWidth95: view.halfWidth95,
    histogramBinMilli: DPS_HISTOGRAM_BIN_MILLI,
    histogram: histogramToPb(merged.histogram),
    abilities: abilitiesToPb(merged.abilities),
    buffs: buffsToPb(merged.buffs),
    fightLengthMsSum: BigInt(merged.fightLengthMsSum),
    events: BigInt(merged.events),
  });
  if (talents !== undefined) message.talents = talentsToPb(talents);
  if (character !== undefined) message.character = characterToPb(character);
  if (warnings !== undefined) message.warnings = warnings.map((w) => create(ProfileWarningSchema, w));
  if (profilesets !== undefined)
    message.profilesets = profilesets.map(({ name, sums, stoppedBehind }) => {
      const view = variantView(sums);
      return create(ProfilesetResultSchema, {
        name,
        sums: variantSumsToPb(sums),
        dpsMean: view.mean,
        dpsHalfWidth95: view.halfWidth95,
        diffMean: view.diffMean,
        diffHalfWidth95: view.diffHalfWidth95,
        stoppedBehind: stoppedBehind === undefined ? 0 : stoppedBehind + 2,
      });
    });
  if (run !== undefined) {
    message.run = create(JobRunMetaSchema, {
      wallTimeMs: BigInt(Math.round(run.wallTimeMs)),
      chunks: run.chunks,
      // Sorted so the same run metadata always encodes the same way.
      nodes: [...run.nodes]
        .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0))
        .map((n) =>
          create(NodeContributionSchema, {
            nodeId: n.nodeId,
            iterations: BigInt(n.iterations),
            chunks: n.chunks,
          }),
        ),
    });
  }
  return toBinary(JobResultSchema, message);
}

export function encodeJobTimeline(timeline: TimelinePartial): Uint8Array {
  return toBinary(
    JobTimelineSchema,
    create(JobTimelineSchema, {
      binMs: TIMELINE_BIN_MS,
      damage: numbersToPb(timeline.damage),
      resourceMilli: numbersToPb(timeline.resourceMilli),
      samples: numbersToPb(timeline.samples),
    }),
  );
}

export function parseJobResult(bytes: Uint8Array): JobResult {
  try {
    return fromBinary(JobResultSchema, bytes);
  } catch (cause) {
    throw new WireError('SF_WIRE_MALFORMED', `JobResult: ${String(cause)}`, { cause });
  }
}

export function parseJobTimeline(bytes: Uint8Array): JobTimeline {
  try {
    return fromBinary(JobTimelineSchema, bytes);
  } catch (cause) {
    throw new WireError('SF_WIRE_MALFORMED', `JobTimeline: ${String(cause)}`, { cause });
  }
}

/**
 * The deterministic part of a `result_pb`: the same bytes with the run metadata removed, for
 * comparing a distributed run against a local one.
 */
export function jobResultWithoutRun(bytes: Uint8Array): Uint8Array {
  const message = parseJobResult(bytes);
  message.run = undefined;
  return toBinary(JobResultSchema, message);
}
