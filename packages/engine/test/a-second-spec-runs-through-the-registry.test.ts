// The spec seam, proved with a second spec that exists only in tests (support/
// dummy-caster-spec.ts): registered into its own registry, it runs end to end through
// parseProfile, requiredGameData, createSimulation and planJob/runChunk, while the default
// registry still knows Beast Mastery only.
import { encodeChunkPartial } from '@simforge/common';
import { CsvGameDataSource, type GameDataBundle, loadBundle, REAL_TABLES_DIR } from '@simforge/gamedata';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulation,
  DEFAULT_SPEC_REGISTRY,
  type Profile,
  parseProfile,
  planJob,
  requiredGameData,
  runChunk,
} from '../src/index.ts';
import { DUMMY_CASTER, DUMMY_SPELL_ID } from './support/dummy-caster-spec.ts';

const registry = DEFAULT_SPEC_REGISTRY.with(DUMMY_CASTER);
const PROFILE = [
  'mage="Target Practice"',
  'spec=training_dummy',
  'level=90',
  'gear_intellect=2000',
  'gear_crit_rating=460',
  'max_time=60',
  'vary_combat_length=0',
  'actions=training_bolt',
  '',
].join('\n');
const SEED = 7;
const MANA_MAX = 100;
const MANA_REGEN_PER_SECOND = 10;
const BOLT_COST = 35;

let profile: Profile;
let data: GameDataBundle;

beforeAll(async () => {
  const parsed = parseProfile(PROFILE, { registry });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  profile = parsed.profile;
  // Mage (8) beside the hunter (3): the dummy borrows Arcane's spec row, see its file.
  const source = new CsvGameDataSource({ dirs: [REAL_TABLES_DIR], classIds: [3, 8] });
  data = await loadBundle(source, requiredGameData(profile, { registry }));
});

describe('a second spec registered into a registry instance', () => {
  it('is parsed by class line and spec=, and its game data request names its spell and mana', () => {
    expect(profile).toMatchObject({ className: 'mage', spec: 'training_dummy' });
    expect(profile.gear.intellect).toBe(2000);
    expect(requiredGameData(profile, { registry })).toMatchObject({
      spellIds: [DUMMY_SPELL_ID],
      specId: 62,
      powerTypes: [0],
    });
  });

  it('does not leak into the default registry', () => {
    const parsed = parseProfile(PROFILE);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]).toMatchObject({ code: 'SF_PROFILE_UNKNOWN_CLASS', line: 1, column: 1 });
    expect(DEFAULT_SPEC_REGISTRY.find('mage', 'training_dummy')).toBeUndefined();
  });

  it('deals damage, fills its mana timeline and is deterministic', () => {
    const partial = createSimulation(profile, data, { registry }).runIterations(0, 20, SEED);
    expect(partial.iterations).toBe(20);
    const bolt = partial.abilities.find((a) => a.spellId === DUMMY_SPELL_ID);
    expect(bolt?.source).toBe('player');
    expect(bolt!.damage).toBeGreaterThan(0);
    // Casting is mana-bound: the full pool plus 60 s of regeneration, 35 mana a cast.
    const castsPerIteration = bolt!.executes / 20;
    const affordable = (MANA_MAX + MANA_REGEN_PER_SECOND * 60) / BOLT_COST;
    expect(castsPerIteration).toBeGreaterThan(affordable - 2);
    expect(castsPerIteration).toBeLessThanOrEqual(affordable + 1);
    const meanDps = Number(partial.dpsSumMilli) / 20 / 1000;
    // Damage = coefficient x spell power (1626 base + 2000 gear intellect) per cast, crits double.
    expect(meanDps).toBeGreaterThan(0);
    expect(meanDps).toBeLessThan((castsPerIteration * 2 * 3626 * 3) / 60);

    const { damage, samples } = partial.timeline;
    const resource = partial.timeline.resourceMilli;
    expect(samples).toHaveLength(60);
    expect(resource).toHaveLength(60);
    expect(damage.reduce((a, b) => a + b, 0)).toBe(bolt!.damage);
    // Mana drains from full, then hovers near empty: the timeline moves within 0..max.
    expect(Math.max(...resource)).toBeLessThanOrEqual(MANA_MAX * 1000 * 20);
    expect(resource[0]!).toBeGreaterThan(resource[59]!);
    expect(new Set(resource).size).toBeGreaterThan(5);

    const again = createSimulation(profile, data, { registry }).runIterations(0, 20, SEED);
    expect(encodeChunkPartial(again)).toEqual(encodeChunkPartial(partial));
  });

  it('plans and runs chunks like any job', () => {
    const plan = planJob(PROFILE, { iterations: 10, seed: SEED }, { registry });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const chunk = runChunk({
      simConfig: plan.simConfig,
      sentinelConfig: plan.sentinelConfig,
      gameData: data,
      firstIteration: 0,
      count: 10,
      registry,
    });
    const direct = createSimulation(profile, data, { registry }).runIterations(0, 10, SEED);
    expect(encodeChunkPartial(chunk)).toEqual(encodeChunkPartial(direct));
    expect(planJob(PROFILE, { iterations: 10 }).ok).toBe(false);
  });
});
