// createSimulation: binds a parsed profile to its game data once (talents decoded, numbers
// read, priority list compiled), then runs any range of iterations. Iteration i reseeds the
// random stream from (seed, i) and resets every piece of state, so its numbers do not
// depend on which iterations ran before it in the same chunk.
import { type ChunkPartial, PartialBuilder } from '@simforge/common';
import type { GameDataBundle, GameDataRequest } from '@simforge/gamedata';
import type { Profile } from './profile/profile-types.ts';
import { type ProfileError, ProfileRejectedError, profileError } from './profile-errors.ts';
import type { Aura } from './sim/aura.ts';
import { Combat } from './sim/combat.ts';
import { resolveItems } from './sim/items.ts';
import { SpellBook } from './sim/spell-book.ts';
import { computeStats } from './sim/stats.ts';
import { BM_ACTIONS, BM_SPEC_ID, BM_SPELLS } from './specs/beast-mastery/catalog.ts';
import { BeastMasteryHunter } from './specs/beast-mastery/hunter.ts';
import { readBmNumbers } from './specs/beast-mastery/numbers.ts';
import { type ExpressionMode, Rotation } from './specs/beast-mastery/rotation.ts';
import { resolveTalents } from './talents/resolve-talents.ts';

/** Spells a Beast Mastery simulation cannot run without. */
const REQUIRED_SPELLS = [
  BM_SPELLS.autoShot,
  BM_SPELLS.killCommand,
  BM_SPELLS.killCommandPet,
  BM_SPELLS.barbedShot,
  BM_SPELLS.barbedShotFocus,
  BM_SPELLS.frenzy,
  BM_SPELLS.cobraShot,
  BM_SPELLS.bestialWrath,
  BM_SPELLS.bestialWrathPet,
  BM_SPELLS.killShot,
  BM_SPELLS.multiShot,
  BM_SPELLS.petClaw,
];

export interface SimulationOptions {
  /** `interpreted` walks the expression AST per evaluation; only the benchmark baseline uses it. */
  expressionMode?: ExpressionMode;
}

export interface Simulation {
  runIterations(firstIteration: number, count: number, seed: number): ChunkPartial;
}

/** The game data a profile needs; the caller resolves it into a GameDataBundle. */
export function requiredGameData(profile: Profile): GameDataRequest {
  const ids = new Set<number>(Object.values(BM_SPELLS));
  const request: GameDataRequest = {
    spellIds: [...ids].sort((a, b) => a - b),
    specId: BM_SPEC_ID,
    powerTypes: [2],
  };
  if (profile.items.length === 0) return request;
  const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);
  request.itemIds = sorted(profile.items.map((i) => i.itemId));
  request.itemBonusListIds = sorted(profile.items.flatMap((i) => i.bonusIds));
  request.itemLevels = sorted(profile.items.flatMap((i) => (i.itemLevel === null ? [] : [i.itemLevel])));
  // The loader adds each item's level bonuses to its base level to fetch the right budget row.
  request.itemBonusSets = profile.items
    .filter((i) => i.itemLevel === null)
    .map((i) => ({ itemId: i.itemId, bonusListIds: [...i.bonusIds] }));
  return request;
}

function checkGameData(profile: Profile, data: GameDataBundle): ProfileError[] {
  const errors: ProfileError[] = [];
  const positions = new Map<number, { line: number; column: number }>();
  for (const list of Object.values(profile.actionLists)) {
    for (const e of list) {
      const id = BM_ACTIONS[e.name];
      if (id !== undefined && !positions.has(id)) positions.set(id, e.pos);
    }
  }
  for (const id of REQUIRED_SPELLS) {
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

export function createSimulation(
  profile: Profile,
  data: GameDataBundle,
  options: SimulationOptions = {},
): Simulation {
  const errors = checkGameData(profile, data);
  const talents = resolveTalents(profile, data, errors);
  const { gear } = resolveItems(profile, data, errors);
  if (errors.length > 0) throw new ProfileRejectedError(errors);

  const passives = new Set<number>(talents);
  for (const s of data.spec?.specSpells ?? []) if (data.spells[s.spellId]?.passive) passives.add(s.spellId);
  const book = new SpellBook(data, passives);
  const numbers = readBmNumbers(book, talents);
  const stats = computeStats(gear, profile.level);
  const combat = new Combat({
    maxTimeMs: profile.fight.maxTimeMs,
    varyCombatLength: profile.fight.varyCombatLength,
    targets: profile.fight.desiredTargets,
  });
  const hunter = new BeastMasteryHunter(combat, numbers, stats, gear.weapon);
  const rotation = new Rotation(hunter, profile.actionLists, talents, options.expressionMode ?? 'compiled');
  const auras: Aura[] = hunter.auras;

  return {
    runIterations(firstIteration: number, count: number, seed: number): ChunkPartial {
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
        hunter.reset();
        rotation.start();
        hunter.start();
        combat.run();
        const end = combat.fightLengthMs;
        for (const a of auras) a.finish(end);
        builder.recordDps(combat.totalDamage() / (end / 1000));
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
