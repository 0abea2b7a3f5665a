// createSimulation: binds a parsed profile to its game data once (talents decoded, numbers
// read, priority list compiled), then runs any range of iterations. Iteration i reseeds the
// random stream from (seed, i) and resets every piece of state, so its numbers do not
// depend on which iterations ran before it in the same chunk.
import {
  type ChunkPartial,
  dpsToMilli,
  type JobCharacter,
  type JobTalents,
  PartialBuilder,
} from '@simforge/common';
import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import type { ExpressionMode } from './apl/priority-list-runner.ts';
import { withSuggestionBudget } from './profile/nearest-names.ts';
import type { Profile, ProfileWarning } from './profile/profile-types.ts';
import {
  MAX_REPORTED_ERRORS,
  type ProfileError,
  ProfileRejectedError,
  profileError,
} from './profile-errors.ts';
import { Combat } from './sim/combat.ts';
import { fightStyleNamed } from './sim/fight-styles.ts';
import { resolveItems } from './sim/items.ts';
import {
  BATTLE_SHOUT_ATTACK_POWER,
  CHAOS_BRAND_MAGIC_TAKEN,
  MYSTIC_TOUCH_PHYSICAL_TAKEN,
  RAID_BUFF_NAMES,
} from './sim/raid-buffs.ts';
import { SpellBook } from './sim/spell-book.ts';
import { computeStats } from './sim/stats.ts';
import { DEFAULT_SPEC_REGISTRY, type SpecRegistry } from './specs/registry.ts';
import type { Spec } from './specs/spec.ts';
import { checkTalentNames } from './talents/check-talent-names.ts';
import { type ChosenTalents, resolveTalents, talentReport } from './talents/resolve-talents.ts';

export interface SimulationOptions {
  /** `interpreted` walks the expression AST per evaluation; only the benchmark baseline uses it. */
  expressionMode?: ExpressionMode;
  /** The specs a profile may name; DEFAULT_SPEC_REGISTRY when not given. */
  registry?: SpecRegistry;
}

export interface Simulation {
  /** The profile's talents as read, for the job's result (the same on every node and in `simforge sim`). */
  readonly talents: JobTalents;
  /** What the game data made of the profile that a player should know: items it lacks, enchantments not applied, the default weapon. */
  readonly warnings: ProfileWarning[];
  /** Who is simulated in what fight, for the report's header. */
  readonly character: JobCharacter;
  /** `dpsMilli`, when given, receives each iteration's round(DPS * 1000) in order (profilesets pair them). */
  runIterations(firstIteration: number, count: number, seed: number, dpsMilli?: number[]): ChunkPartial;
}

/**
 * The registry's spec for a parsed profile. A profile parsed against another registry may
 * name a spec this one lacks: refused like an unknown `spec=` line.
 */
function specOf(profile: Profile, registry: SpecRegistry): Spec {
  const spec = registry.find(profile.className, profile.spec);
  if (spec) return spec;
  throw new ProfileRejectedError([
    profileError('SF_PROFILE_UNKNOWN_SPEC', 1, 1, `'${profile.className}/${profile.spec}' is not registered`),
  ]);
}

/** The game data a profile needs; the caller resolves it into a GameDataBundle. */
export function requiredGameData(
  profile: Profile,
  options: { registry?: SpecRegistry } = {},
): GameDataRequest {
  const spec = specOf(profile, options.registry ?? DEFAULT_SPEC_REGISTRY);
  const request: GameDataRequest = {
    spellIds: [...new Set(spec.spellIds)].sort((a, b) => a - b),
    specId: spec.specId,
    powerTypes: [spec.resource.powerType],
  };
  if (profile.items.length === 0) return request;
  const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);
  // Gems are items too: their GemProperties enchantment comes with them.
  request.itemIds = sorted(profile.items.flatMap((i) => [i.itemId, ...i.gems.map((g) => g.id)]));
  request.enchantIds = sorted(profile.items.flatMap((i) => (i.enchant ? [i.enchant.id] : [])));
  request.itemBonusListIds = sorted(profile.items.flatMap((i) => i.bonusIds));
  request.itemLevels = sorted(profile.items.flatMap((i) => (i.itemLevel === null ? [] : [i.itemLevel])));
  // The loader adds each item's level bonuses to its base level to fetch the right budget row.
  request.itemBonusSets = profile.items
    .filter((i) => i.itemLevel === null)
    .map((i) => ({ itemId: i.itemId, bonusListIds: [...i.bonusIds] }));
  return request;
}

function checkGameData(profile: Profile, spec: Spec, data: GameDataBundle): ProfileError[] {
  const errors: ProfileError[] = [];
  const positions = new Map<number, { line: number; column: number }>();
  for (const list of Object.values(profile.actionLists)) {
    for (const e of list) {
      const id = Object.hasOwn(spec.actionSpells, e.name) ? spec.actionSpells[e.name] : undefined;
      if (id !== undefined && !positions.has(id)) positions.set(id, e.pos);
    }
  }
  for (const id of spec.requiredSpellIds) {
    if (data.spells[id] === undefined) {
      const pos = positions.get(id) ?? { line: 1, column: 1 };
      errors.push(
        profileError(
          'SF_PROFILE_GAME_DATA_MISSING',
          pos.line,
          pos.column,
          `spell ${id} (patch ${data.patch})`,
        ),
      );
    }
  }
  return errors;
}

/** Every spell a chosen, modelled talent needs is in the data (Spec.talentSpells). */
function checkTalentSpells(
  profile: Profile,
  spec: Spec,
  talents: ChosenTalents,
  data: GameDataBundle,
  errors: ProfileError[],
): void {
  const pos = profile.talents?.pos ?? { line: 1, column: 1 };
  for (const talent of talents.list) {
    if (!spec.modelledTalents.has(talent.spellId)) continue;
    for (const id of spec.talentSpells?.get(talent.spellId) ?? []) {
      if (data.spells[id] !== undefined) continue;
      errors.push(
        profileError(
          'SF_PROFILE_GAME_DATA_MISSING',
          pos.line,
          pos.column,
          `spell ${id}, which ${talent.name} needs (patch ${data.patch})`,
        ),
      );
    }
  }
}

function characterOf(profile: Profile, itemLevels: number[]): JobCharacter {
  const raid = profile.raid;
  const applied = (['battleShout', 'mysticTouch', 'chaosBrand', 'bloodlust'] as const).filter((b) => raid[b]);
  return {
    name: profile.characterName,
    race: profile.race,
    level: profile.level,
    spec: profile.spec,
    itemLevel:
      itemLevels.length === 0
        ? null
        : Math.round((100 * itemLevels.reduce((a, b) => a + b, 0)) / itemLevels.length) / 100,
    fightStyle: profile.fight.style,
    targets: profile.fight.desiredTargets,
    maxTimeMs: profile.fight.maxTimeMs,
    raidBuffs: applied.map((b) => RAID_BUFF_NAMES[b]),
    raidNotSimulated: [],
  };
}

export function createSimulation(
  profile: Profile,
  data: GameDataBundle,
  options: SimulationOptions = {},
): Simulation {
  const spec = specOf(profile, options.registry ?? DEFAULT_SPEC_REGISTRY);
  const errors = checkGameData(profile, spec, data);
  const before = errors.length;
  const talents = resolveTalents(profile, data, errors);
  if (errors.length === before) {
    withSuggestionBudget(MAX_REPORTED_ERRORS, () =>
      checkTalentNames(profile.actionLists, spec.catalog, talents, errors),
    );
    checkTalentSpells(profile, spec, talents, data, errors);
  }
  const { gear, warnings, items } = resolveItems(profile, data, errors, spec.primaryStat);
  if (errors.length > 0) throw new ProfileRejectedError(errors);

  const passives = new Set<number>(talents.spellIds);
  for (const s of data.spec?.specSpells ?? []) if (data.spells[s.spellId]?.passive) passives.add(s.spellId);
  const book = new SpellBook(data, passives);
  const raid = profile.raid;
  const stats = computeStats(
    gear,
    profile.level,
    spec.primaryStat,
    raid.battleShout ? 1 + BATTLE_SHOUT_ATTACK_POWER : 1,
  );
  const combat = new Combat({
    maxTimeMs: profile.fight.maxTimeMs,
    varyCombatLength: profile.fight.varyCombatLength,
    targets: profile.fight.desiredTargets,
    waves: fightStyleNamed(profile.fight.style)?.waves ?? null,
    physicalTaken: raid.mysticTouch ? 1 + MYSTIC_TOUCH_PHYSICAL_TAKEN : 1,
    magicTaken: raid.chaosBrand ? 1 + CHAOS_BRAND_MAGIC_TAKEN : 1,
    bloodlust: raid.bloodlust ? profile.bloodlust : null,
  });
  const actor = spec.createActor({ combat, book, talents: talents.spellIds, stats, gear });
  combat.setResourceSampler((atMs) => actor.resourceAt(atMs));
  const rotation = spec.bindRotation(actor, {
    actionLists: profile.actionLists,
    talents,
    expressionMode: options.expressionMode ?? 'compiled',
    actorOptions: profile.actorOptions,
  });
  const auras = actor.auras;

  return {
    talents: talentReport(talents, spec.modelledTalents),
    warnings,
    character: characterOf(
      profile,
      items.map((i) => i.itemLevel),
    ),
    runIterations(firstIteration: number, count: number, seed: number, dpsMilli?: number[]): ChunkPartial {
      if (
        !Number.isSafeInteger(firstIteration) ||
        firstIteration < 0 ||
        !Number.isSafeInteger(count) ||
        count < 0
      ) {
        throw new RangeError(`bad iteration range ${firstIteration}+${count}`);
      }
      const builder = new PartialBuilder();
      for (let i = firstIteration; i < firstIteration + count; i++) {
        combat.beginIteration(seed >>> 0, i);
        actor.reset();
        rotation.start();
        actor.start();
        combat.run();
        const end = combat.fightLengthMs;
        for (const a of auras) a.finish(end);
        const dps = combat.totalDamage() / (end / 1000);
        builder.recordDps(dps);
        dpsMilli?.push(dpsToMilli(dps));
        builder.recordFight(end, combat.events);
        for (const a of combat.abilities) {
          if (a.damage === 0 && a.executes === 0) continue;
          builder.recordAbility(a);
        }
        for (const a of auras) if (a.uptimeMs > 0) builder.recordBuff(a.id, a.name, a.uptimeMs);
        builder.recordTimeline(combat.timelineDamage, combat.timelineResource);
      }
      return builder.build();
    },
  };
}
