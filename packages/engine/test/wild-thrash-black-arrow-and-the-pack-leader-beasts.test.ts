// Talents of the live tree, simulated from the game data: Wild Thrash (the Beast Mastery spec
// tree: the pets thrash every target in reach and open Beast Cleave), Black Arrow (Dark Ranger:
// shadow damage now and over time, in Kill Shot's place) and Howl of the Pack Leader (Pack
// Leader: every 30 s the next Kill Command brings a wyvern, a boar or a bear, in turn). Each
// runs only when the loadout takes it, and the talent report marks them modelled.
import { readFileSync } from 'node:fs';
import type { ChunkPartial } from '@simforge/common';
import type { GameDataBundle } from '@simforge/gamedata';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulation,
  encodeLoadout,
  ProfileRejectedError,
  parseProfile,
  requiredGameData,
  starterLoadout,
  withHeroTree,
} from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const WILD_THRASH = 1264359;
const THRASH_DAMAGE = 1264355;
const BLACK_ARROW = 466930;
const KILL_SHOT = 53351;
const BEAST_CLEAVE = 118459;
const DARK_RANGER = 44;
const HOWL_COOLDOWN = 471877;
const WYVERNS_CRY = 471881;
const BOAR_CHARGE = 471936;
const BOAR_CLEAVE = 471938;
const BEAR_REND = 471999;
const KILL_COMMAND = 34026;

let bundle: GameDataBundle;
let darkRanger: string;
let packLeader: string;
beforeAll(async () => {
  const parsed = parseProfile(PROFILE);
  if (!parsed.ok) throw new Error('default profile');
  bundle = await fixtureBundle(requiredGameData(parsed.profile));
  const tree = bundle.talentTree!;
  const starter = starterLoadout(tree, 253)!;
  darkRanger = encodeLoadout(tree, withHeroTree(tree, starter, DARK_RANGER));
  packLeader = PROFILE.match(/^talents=(.*)$/m)![1]!;
});

/** `talents` empty: a profile without a `talents=` line. */
function simulate(talents: string, actions: string[], targets: number, iterations = 20) {
  const text = PROFILE.replace(/^talents=.*$/m, talents === '' ? '' : `talents=${talents}`)
    .replace(/^desired_targets=.*$/m, `desired_targets=${targets}`)
    .replace(/^actions.*$/gm, '')
    .concat(['actions=auto_shot', ...actions.map((a) => `actions+=/${a}`)].join('\n'));
  const parsed = parseProfile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const sim = createSimulation(parsed.profile, bundle);
  return { sim, result: sim.runIterations(0, iterations, 7) };
}

const ability = (r: ChunkPartial, source: 'player' | 'pet', id: number) =>
  r.abilities.find((a) => a.source === source && a.spellId === id);

describe('Wild Thrash', () => {
  it('hits every target up to its cap, on its 8 s cooldown, and opens Beast Cleave', () => {
    const { sim, result } = simulate(packLeader, ['wild_thrash', 'kill_command', 'cobra_shot'], 3);
    const cast = ability(result, 'player', WILD_THRASH)!;
    const thrash = ability(result, 'pet', THRASH_DAMAGE)!;
    expect(thrash.hits).toBe(3 * cast.executes);
    expect(thrash.damage).toBeGreaterThan(0);
    // At most one cast per 8 s over a fight of at most 360 s, per iteration.
    expect(cast.executes / result.iterations).toBeGreaterThan(25);
    expect(cast.executes / result.iterations).toBeLessThanOrEqual(360 / 8 + 1);
    expect(ability(result, 'pet', BEAST_CLEAVE)!.damage).toBeGreaterThan(0);
    expect(sim.talents.talents.find((t) => t.name === 'Wild Thrash')?.modelled).toBe(true);
  });

  it('is never cast by a loadout without it', () => {
    const { result } = simulate('', ['wild_thrash', 'cobra_shot'], 3);
    expect(ability(result, 'player', WILD_THRASH)).toBeUndefined();
    expect(ability(result, 'pet', THRASH_DAMAGE)).toBeUndefined();
  });
});

describe('Black Arrow (Dark Ranger)', () => {
  it('deals shadow damage now and over time, and takes Kill Shot’s place', () => {
    const { sim, result } = simulate(darkRanger, ['black_arrow', 'kill_shot', 'cobra_shot'], 1);
    const arrow = ability(result, 'player', BLACK_ARROW)!;
    // One charge every 10 s from the pull: about 30 casts in a 300 s fight.
    expect(arrow.executes / result.iterations).toBeGreaterThan(25);
    expect(arrow.executes / result.iterations).toBeLessThanOrEqual(37);
    expect(arrow.ticks).toBeGreaterThan(arrow.executes * 5);
    expect(arrow.hits).toBe(arrow.executes + arrow.ticks);
    expect(ability(result, 'player', KILL_SHOT)).toBeUndefined();
    expect(result.buffs.find((b) => b.auraId === BLACK_ARROW)?.uptimeMs).toBeGreaterThan(0);
    const report = sim.talents;
    expect(report.heroTree).toBe('Dark Ranger');
    expect(report.talents.find((t) => t.name === 'Black Arrow')?.modelled).toBe(true);
  });

  it('is never cast without the Dark Ranger tree, and Kill Shot stays', () => {
    const { result } = simulate(packLeader, ['black_arrow', 'kill_shot', 'cobra_shot'], 1);
    expect(ability(result, 'player', BLACK_ARROW)).toBeUndefined();
    expect(ability(result, 'player', KILL_SHOT)!.executes).toBeGreaterThan(0);
  });

  it('answers dot.black_arrow in the priority list', () => {
    const { result } = simulate(
      darkRanger,
      ['black_arrow,if=!dot.black_arrow.ticking|dot.black_arrow.ticks_remain<2', 'cobra_shot'],
      1,
    );
    const arrow = ability(result, 'player', BLACK_ARROW)!;
    // Cast only when the dot is off or nearly done: fewer casts than on cooldown (about 30).
    expect(arrow.executes / result.iterations).toBeGreaterThan(10);
    expect(arrow.executes / result.iterations).toBeLessThan(25);
  });
});

describe('Howl of the Pack Leader (Pack Leader)', () => {
  const perIteration = (r: ChunkPartial, n: number | undefined) => (n ?? 0) / r.iterations;

  it('brings a wyvern, a boar and a bear in turn, one per 30 s, each with the next Kill Command', () => {
    const { sim, result } = simulate(packLeader, ['kill_command', 'cobra_shot'], 1, 40);
    const boar = ability(result, 'pet', BOAR_CHARGE)!;
    const bear = ability(result, 'pet', BEAR_REND)!;
    // About ten beasts in a 240-360 s fight, a third of each kind.
    expect(perIteration(result, boar.hits)).toBeGreaterThan(2);
    expect(perIteration(result, boar.hits)).toBeLessThan(5);
    expect(ability(result, 'pet', BOAR_CLEAVE)).toBeUndefined();
    expect(bear.ticks).toBeGreaterThan(boar.hits * 4);
    const cry = result.buffs.find((b) => b.auraId === WYVERNS_CRY)!;
    const fight = result.fightLengthMsSum;
    // About four 15 s cries in a 300 s fight.
    expect(cry.uptimeMs / fight).toBeGreaterThan(0.12);
    expect(cry.uptimeMs / fight).toBeLessThan(0.3);
    expect(result.buffs.find((b) => b.auraId === HOWL_COOLDOWN)!.uptimeMs / fight).toBeGreaterThan(0.8);
    expect(sim.talents.talents.find((t) => t.name === 'Howl of the Pack Leader')?.modelled).toBe(true);
  });

  it('the boar charges through every other target up to its cap', () => {
    const { result } = simulate(packLeader, ['kill_command', 'cobra_shot'], 3, 10);
    expect(ability(result, 'pet', BOAR_CLEAVE)!.hits).toBe(2 * ability(result, 'pet', BOAR_CHARGE)!.hits);
  });

  it('answers howl_summon.ready and buff.howl_of_the_pack_leader_cooldown', () => {
    const { result } = simulate(packLeader, ['kill_command,if=howl_summon.ready', 'cobra_shot'], 1);
    // Kill Command only when a beast waits: at the pull, then every 30 s.
    expect(perIteration(result, ability(result, 'player', KILL_COMMAND)?.executes)).toBeGreaterThanOrEqual(8);
    expect(perIteration(result, ability(result, 'player', KILL_COMMAND)?.executes)).toBeLessThanOrEqual(13);
    const waiting = simulate(
      packLeader,
      ['kill_command,if=buff.howl_of_the_pack_leader_cooldown.up', 'cobra_shot'],
      1,
    ).result;
    // The first Kill Command needs the wait to have begun, which only a Kill Command starts.
    expect(ability(waiting, 'player', KILL_COMMAND)).toBeUndefined();
    // Kill Command while a beast waits or while its wait runs: at the pull, then on cooldown
    // for 30 s out of every 30 s... so as often as without a condition.
    const always = simulate(packLeader, ['kill_command', 'cobra_shot'], 1).result;
    const gated = simulate(
      packLeader,
      ['kill_command,if=howl_summon.ready|buff.howl_of_the_pack_leader_cooldown.up', 'cobra_shot'],
      1,
    ).result;
    expect(ability(gated, 'player', KILL_COMMAND)!.executes).toBe(
      ability(always, 'player', KILL_COMMAND)!.executes,
    );
    // Kill Command only under Wyvern's Cry, once a wyvern came: a handful of casts per cry.
    const underCry = simulate(
      packLeader,
      ['kill_command,if=howl_summon.ready|buff.wyverns_cry.up', 'cobra_shot'],
      1,
    ).result;
    const kc = perIteration(underCry, ability(underCry, 'player', KILL_COMMAND)?.executes);
    expect(kc).toBeGreaterThan(perIteration(result, ability(result, 'player', KILL_COMMAND)?.executes));
    expect(kc).toBeLessThan(perIteration(always, ability(always, 'player', KILL_COMMAND)?.executes));
  });

  it('is refused, not silently inert, when the game data lacks a beast', () => {
    const parsed = parseProfile(PROFILE);
    if (!parsed.ok) throw new Error('default profile');
    const spells = { ...bundle.spells };
    delete spells[BEAR_REND];
    try {
      createSimulation(parsed.profile, { ...bundle, spells });
      expect.unreachable('the profile was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ProfileRejectedError);
      expect((error as ProfileRejectedError).errors[0]).toMatchObject({
        code: 'SF_PROFILE_GAME_DATA_MISSING',
        line: 10,
        message: expect.stringMatching(/spell 471999, which Howl of the Pack Leader needs/),
      });
    }
  });

  it('does nothing for a loadout without it', () => {
    const { result } = simulate(darkRanger, ['kill_command', 'cobra_shot'], 3);
    for (const id of [BOAR_CHARGE, BOAR_CLEAVE, BEAR_REND])
      expect(ability(result, 'pet', id)).toBeUndefined();
    expect(result.buffs.find((b) => b.auraId === WYVERNS_CRY)).toBeUndefined();
  });
});
