// Profilesets: variants of the default profile read from `profileset."NAME"+=OPTION` lines,
// run on the same seeds as the base, so each variant's difference to the base is paired
// iteration by iteration. Pins: an identical variant differs by exactly 0 with error 0; a real
// change has a paired error far below what two independent runs would give; the sums merge
// exactly in any chunk order; hostile or mistaken profilesets are refused at their line.
import { readFileSync } from 'node:fs';
import {
  checkPartialPlausible,
  decodeChunkPartial,
  emptyVariantSums,
  encodeChunkPartial,
  mergeVariantSums,
  parseSentinelConfig,
  type VariantSums,
  variantView,
  welfordView,
} from '@simforge/common';
import { describe, expect, it } from 'vitest';
import {
  createProfilesetSimulation,
  jobGameData,
  MAX_PROFILESETS,
  parseProfile,
  parseProfileset,
  planJob,
  profilesetGameData,
  runChunk,
} from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const PROFILE = readFileSync(new URL('../profiles/beast-mastery.simc', import.meta.url), 'utf8');
const SEED = 77;

const withSets = (...lines: string[]) => `${PROFILE.trimEnd()}\n${lines.join('\n')}\n`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

async function run(text: string, iterations: number, chunk = iterations) {
  const sim = createProfilesetSimulation(text, await fixtureBundle(profilesetGameData(text)));
  const chunks = [];
  for (let first = 0; first < iterations; first += chunk)
    chunks.push(sim.runIterations(first, Math.min(chunk, iterations - first), SEED));
  return { sim, chunks };
}

describe('profilesets', () => {
  it('read each variant as the base with its own lines last', () => {
    const text = withSets(
      'profileset."More agility"+=gear_agility=2600',
      'profileset.crit=gear_crit_rating=900',
      'profileset."More agility"+=gear_haste_rating=500',
    );
    const parsed = parseProfileset(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.base.gear.agility).toBe(2400);
    expect(parsed.variants.map((v) => v.name)).toEqual(['More agility', 'crit']);
    expect(parsed.variants[0]!.profile.gear).toMatchObject({ agility: 2600, hasteRating: 500 });
    expect(parsed.variants[0]!.pos).toEqual({
      line: lineOf(text, 'More agility"+=gear_agility'),
      column: 12,
    });
    expect(parsed.variants[1]!.profile.gear.critRating).toBe(900);
    expect(parsed.variants[1]!.profile.gear.agility).toBe(2400);
  });

  it('differ by exactly 0, with error 0, when a variant is the base', async () => {
    const { chunks } = await run(withSets('profileset.same+=gear_agility=2400'), 200);
    const sums = chunks[0]!.variants[0]!;
    expect(sums.diffSumMilli).toBe(0n);
    expect(sums.diffSumSqMilli).toBe(0n);
    expect(sums.dpsSumMilli).toBe(chunks[0]!.base.dpsSumMilli);
    expect(variantView(sums)).toMatchObject({ diffMean: 0, diffHalfWidth95: 0 });
  });

  it('measure a real change with a paired error far below two independent errors', async () => {
    const { chunks } = await run(withSets('profileset.agile+=gear_agility=2640'), 300);
    const { base, variants } = chunks[0]!;
    const view = variantView(variants[0]!);
    const unpaired = Math.hypot(welfordView(base).halfWidth95, view.halfWidth95);
    expect(view.diffMean).toBeGreaterThan(0);
    expect(view.diffHalfWidth95).toBeGreaterThan(0);
    expect(view.diffHalfWidth95).toBeLessThan(unpaired / 3);
  });

  it("travel in a chunk's partial, as a node reports it, and pass the sentinel's checks", async () => {
    const text = withSets('profileset.agile+=gear_agility=2640', 'profileset.slower+=gear_haste_rating=0');
    const plan = planJob(text, { iterations: 50, seed: SEED }, { profilesets: true });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    const gameData = await fixtureBundle(profilesetGameData(text));
    const partial = runChunk({ ...plan, gameData, firstIteration: 0, count: 50 });
    const direct = createProfilesetSimulation(text, gameData).runIterations(0, 50, plan.sentinelConfig.seed);
    expect(partial).toEqual({ ...direct.base, variants: direct.variants });
    expect(decodeChunkPartial(encodeChunkPartial(partial))).toEqual(partial);
    expect(checkPartialPlausible(partial, 50, 2)).toBeNull();
    expect(partial.variants![1]!.diffSumMilli).toBeLessThan(0n);
  });

  it('merge to the same sums whatever the chunks and their order', async () => {
    const text = withSets('profileset.agile+=gear_agility=2640', 'profileset.crit+=gear_crit_rating=900');
    const whole = (await run(text, 120)).chunks[0]!.variants;
    const parts = (await run(text, 120, 25)).chunks.map((c) => c.variants);
    for (let v = 0; v < whole.length; v++) {
      const merged = [...parts]
        .reverse()
        .map((p) => p[v]!)
        .reduce((a: VariantSums, b) => mergeVariantSums(a, b), emptyVariantSums());
      expect(merged).toEqual(whole[v]);
    }
  });

  it('refuse what a comparison cannot mean, at the line', () => {
    const text = withSets(
      'profileset.mage+=mage="Jaina"',
      'profileset."other spec"+=spec=marksmanship',
      'profileset."no option"+=banana',
    );
    const parsed = parseProfileset(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['SF_PROFILE_PROFILESET_CHANGES_CLASS', lineOf(text, 'mage="Jaina"'), 'profileset.mage+='.length + 1],
      [
        'SF_PROFILE_PROFILESET_CHANGES_CLASS',
        lineOf(text, 'spec=marks'),
        'profileset."other spec"+='.length + 1,
      ],
      ['SF_PROFILE_SYNTAX', lineOf(text, 'banana'), 'profileset."no option"+='.length + 1],
    ]);
  });

  it('name the variant whose option is refused', () => {
    const text = withSets('profileset.broken+=level=500');
    const parsed = parseProfileset(text);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors[0]).toMatchObject({
      code: 'SF_PROFILE_OUT_OF_RANGE',
      line: lineOf(text, 'level=500'),
    });
    expect(parsed.errors[0]!.message).toMatch(/^profileset "broken": level=500/);
  });

  it(`refuse more than ${MAX_PROFILESETS} variants at the first one too many`, () => {
    const sets = Array.from(
      { length: MAX_PROFILESETS + 1 },
      (_, i) => `profileset.v${i}+=gear_agility=${2400 + i}`,
    );
    const text = withSets(...sets);
    const parsed = parseProfileset(text);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors).toEqual([
      expect.objectContaining({
        code: 'SF_PROFILE_TOO_MANY_PROFILESETS',
        line: lineOf(text, `v${MAX_PROFILESETS}+=`),
      }),
    ]);
  });

  it('refuse a variant that changes what the comparison shares; target_error in the base races them', () => {
    const text = withSets('profileset.longer+=max_time=600', 'profileset.more+=iterations=5');
    const parsed = parseProfileset(text);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors.map((e) => [e.code, e.line])).toEqual([
      ['SF_PROFILE_PROFILESET_RUN_OPTION', lineOf(text, 'longer')],
      ['SF_PROFILE_PROFILESET_RUN_OPTION', lineOf(text, 'more+=')],
    ]);
    const raced = planJob(
      withSets('profileset.agile+=gear_agility=2640', 'target_error=0.2'),
      {},
      { profilesets: true },
    );
    if (!raced.ok) throw new Error(JSON.stringify(raced.errors));
    expect(raced.sentinelConfig.strategy).toMatchObject({ kind: 'target_error', targetErrorPct: 0.2 });
    // 500 variants raced up to the default cap (no iterations= line, as in an addon export):
    // chunks large enough for a plan the sentinel admits.
    const many = planJob(
      withSets(
        ...Array.from({ length: MAX_PROFILESETS }, (_, i) => `profileset.v${i}+=gear_agility=${2400 + i}`),
        'target_error=0.2',
      ).replace(/^iterations=.*$/m, ''),
      {},
      { profilesets: true },
    );
    if (!many.ok) throw new Error(JSON.stringify(many.errors.slice(0, 2)));
    expect(parseSentinelConfig(many.sentinelConfig)).toMatchObject({ ok: true });
  });

  it("leave the base's seed and errors as they are without the variants", () => {
    const alone = planJob(`${PROFILE.trimEnd()}\n`.replace(/^seed=.*$/m, ''), {}, { profilesets: true });
    const compared = planJob(
      withSets('profileset.agile+=gear_agility=2640').replace(/^seed=.*$/m, ''),
      {},
      { profilesets: true },
    );
    if (!alone.ok || !compared.ok) throw new Error('refused');
    expect(compared.sentinelConfig.seed).toBe(alone.sentinelConfig.seed);
    expect(compared.variants).toEqual(['agile']);
    // A profile without profileset lines: parseProfile's very errors, capped once.
    const broken = `${PROFILE}${'banana\n'.repeat(300)}`;
    expect(parseProfileset(broken)).toEqual(parseProfile(broken));
  });

  it('are found behind any leading white space the reader trims', () => {
    const plan = planJob(withSets('\u00a0profileset.agile+=gear_agility=2640'), {}, { profilesets: true });
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.variants).toEqual(['agile']);
    expect(jobGameData(plan.simConfig.profile).spellIds.length).toBeGreaterThan(0);
  });

  it('say whose a warning is', () => {
    const parsed = parseProfileset(withSets('profileset.fed+=food=some_feast'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.variants[0]!.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^profileset "fed": food=some_feast: not simulated yet/),
      }),
    ]);
  });

  it('refuse a long base with many variants before parsing them all', () => {
    const longBase = `${PROFILE}${'# filler\ngear_stamina=9000\n'.repeat(600)}`;
    const sets = Array.from({ length: 400 }, (_, i) => `profileset.v${i}+=gear_agility=${2400 + i}`);
    const parsed = parseProfileset(`${longBase}${sets.join('\n')}\n`);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors).toEqual([expect.objectContaining({ code: 'SF_PROFILE_TOO_MANY_PROFILESETS' })]);
    expect(parsed.errors[0]!.message).toMatch(/400 profilesets of a \d+-line profile/);
  });

  it('are refused where one profile is simulated, naming the line', () => {
    const text = withSets('profileset.agile+=gear_agility=2640');
    const parsed = parseProfile(text);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors).toEqual([
      expect.objectContaining({
        code: 'SF_PROFILE_PROFILESETS_NOT_RUN',
        line: lineOf(text, 'agile'),
        column: 1,
      }),
    ]);
  });
});
