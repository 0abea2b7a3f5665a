// With game data imported, the sentinel admits a job only after the nodes' whole check passes
// against it (talent string, talent names, spells, items): a profile the nodes would refuse
// fails at once with the engine's line and column, instead of failing chunk after chunk. An
// admitted job keeps the talents it read for its result.
import { readFileSync } from 'node:fs';
import { createUser, describeEachDriver } from '@simforge/db/testing';
import { importGameData, REAL_TABLES_DIR } from '@simforge/gamedata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineSimConfigCheck } from '../src/sim-config-check.ts';
import {
  fixedConfig,
  type Harness,
  insertJob,
  jobRow,
  startSentinel,
  until,
} from './support/sentinel-harness.ts';

const PROFILE = readFileSync(
  new URL('../../../packages/engine/profiles/beast-mastery.simc', import.meta.url),
  'utf8',
);
const TALENTS_LINE = /^talents=.*$/m;

describeEachDriver('admission against the game data', (getDb) => {
  let h: Harness;
  let userId: string;
  beforeAll(async () => {
    await importGameData({ db: getDb(), dirs: [REAL_TABLES_DIR], patch: 'test.admission' });
    h = await startSentinel(getDb(), { validateSimConfig: engineSimConfigCheck });
    userId = await createUser(getDb());
  }, 120_000);
  afterAll(async () => h?.close());

  const failed = async (profile: string) => {
    const jobId = await insertJob(getDb(), userId, fixedConfig(1_000, 100), profile);
    await until(async () => (await jobRow(getDb(), jobId)).status === 'failed');
    const row = await jobRow(getDb(), jobId);
    expect(row.meta.reason).toBe('config_rejected');
    expect(h.sentinel.store.job(jobId)).toBeUndefined();
    return String(row.meta.message);
  };

  it('refuses a talent string the game would refuse, naming the line and the problem', async () => {
    const cut = PROFILE.replace(TALENTS_LINE, (line) => line.slice(0, 40));
    expect(await failed(cut)).toMatch(/^line 10, column \d+: SF_PROFILE_TALENTS_TREE_MISMATCH/);
  });

  it('refuses a talent name the tree does not have, with the nearest names', async () => {
    const typo = PROFILE.replace(
      'actions+=/call_action_list,name=st',
      'actions+=/call_action_list,name=st,if=talent.killer_cobbra',
    );
    expect(await failed(typo)).toMatch(/SF_PROFILE_UNKNOWN_TALENT.*killer_cobra/);
  });

  it('admits the default profile and keeps the talents it read for the result', async () => {
    const jobId = await insertJob(getDb(), userId, fixedConfig(1_000_000, 1_000), PROFILE);
    await until(() => h.sentinel.store.job(jobId) !== undefined);
    const talents = h.sentinel.store.job(jobId)!.profileReport!.talents;
    expect(talents.heroTree).toBe('Pack Leader');
    expect(talents.talents.find((t) => t.token === 'kill_command')).toMatchObject({
      tree: 'spec',
      modelled: true,
    });
    expect(talents.talents.some((t) => t.tree === 'hero' && !t.modelled)).toBe(true);
  });

  it('leaves a job pending when its check read another patch than the one it would be pinned to', async () => {
    // The only sentinel now: one whose check read another patch, as if an import landed
    // between reading the pin and checking the profile.
    await h.close();
    const racing = await startSentinel(getDb(), {
      validateSimConfig: async () => ({ ok: true, patch: 'test.other' }),
    });
    let jobId = '';
    try {
      jobId = await insertJob(getDb(), userId, fixedConfig(1_000, 100), PROFILE);
      // Its notification reaches the racing sentinel, whose admission gives up and logs why.
      await until(() =>
        racing.logger
          .events('admit_error')
          .some((e) => /game data changed during admission/.test(String(e.message))),
      );
      expect((await jobRow(getDb(), jobId)).status).toBe('pending');
      expect(racing.sentinel.store.job(jobId)).toBeUndefined();
    } finally {
      await racing.close();
    }
    // A sentinel whose check reads the pinned patch admits it (its boot sweep finds it).
    h = await startSentinel(getDb(), { validateSimConfig: engineSimConfigCheck });
    await until(() => h.sentinel.store.job(jobId) !== undefined);
  });
});
