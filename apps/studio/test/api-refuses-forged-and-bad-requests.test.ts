// Requests without a valid CSRF token or session change nothing; oversized profiles, unknown
// options and bad claim codes get a clear coded error and write nothing. Real server, both drivers.
import { readFile } from 'node:fs/promises';
import { describeEachDriver } from '@simforge/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/api-contract.ts';
import type { TestClient } from './support/api-client.ts';
import { fakePublicKey, type RunningStudio, startStudio, tableCounts } from './support/studio-server.ts';
import { testQueries } from './support/test-queries.ts';

const DEFAULT_PROFILE = new URL('../../../packages/engine/profiles/beast-mastery.simc', import.meta.url);
const PROFILE = 'hunter="Forge"\nlevel=80\nrace=night_elf\nspec=beast_mastery\nactions=kill_command\n';

describeEachDriver('studio API refuses forged and bad requests', (getDb) => {
  let studio: RunningStudio;
  let carol: TestClient;
  let carolId: string;
  let nowMs = Date.now();

  beforeAll(async () => {
    studio = await startStudio(getDb(), { clock: () => nowMs, signInAttemptsPerMinute: 3 });
    carol = studio.client();
    carolId = await carol.signUp('carol@example.test');
  });

  afterAll(async () => {
    await studio?.close();
  });

  it('refuses state changes without the CSRF token and writes nothing', async () => {
    const before = await tableCounts(getDb());
    for (const csrf of ['none', 'wrong-token'] as const) {
      const submit = await carol.post('/api/jobs', { profile: PROFILE }, { csrf });
      expect(submit.status).toBe(403);
      expect(submit.body).toMatchObject({ error: { code: 'SF_STUDIO_CSRF' } });
      const claim = await carol.post('/api/nodes/claim', { code: 'ABCD-1234' }, { csrf });
      expect(claim.status).toBe(403);
      const signOut = await carol.post('/api/auth/sign-out', {}, { csrf });
      expect(signOut.status).toBe(403);
    }
    // A signed-out visitor cannot create an account without double-submitting the cookie.
    const visitor = studio.client();
    await visitor.get('/api/session');
    const signUp = await visitor.post(
      '/api/auth/sign-up',
      { email: 'mallory@example.test', password: 'longenough1' },
      { csrf: 'none' },
    );
    expect(signUp.status).toBe(403);
    expect(await tableCounts(getDb())).toEqual(before);
    // The session survived the forged sign-out.
    expect((await carol.get<{ user: { id: string } | null }>('/api/session')).body.user?.id).toBe(carolId);
  });

  it('refuses every user-data route without a session and writes nothing', async () => {
    const before = await tableCounts(getDb());
    const anon = studio.client();
    await anon.get('/api/session');
    for (const [method, path, body] of [
      ['GET', '/api/jobs', undefined],
      ['POST', '/api/jobs', { profile: PROFILE }],
      ['POST', '/api/profiles/check', { profile: PROFILE }],
      ['GET', '/api/nodes', undefined],
      ['POST', '/api/nodes/claim', { code: 'ABCD-1234' }],
      ['GET', '/api/spells?q=kill', undefined],
      ['GET', '/api/events', undefined],
    ] as const) {
      const res = await anon.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'SF_STUDIO_AUTH_REQUIRED' } });
    }
    expect(await tableCounts(getDb())).toEqual(before);
  });

  it('refuses an oversized profile, unknown options and a malformed body with clear messages', async () => {
    const before = await tableCounts(getDb());
    const big = `${PROFILE}${'# padding line for size\n'.repeat(12_000)}`;
    const tooBig = await carol.post('/api/jobs', { profile: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ error: { code: 'SF_STUDIO_PROFILE_TOO_LARGE' } });
    expect(JSON.stringify(tooBig.body)).toMatch(/limit is 262,144/);

    const huge = await carol.post('/api/jobs', { profile: 'x'.repeat(1_400_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_TOO_LARGE' } });

    // Comparisons: thousands of variants, one too many, a class change.
    const variants = (n: number) =>
      Array.from({ length: n }, (_, i) => `profileset."variant ${i}"+=gear_agility=${2401 + i}`).join('\n');
    const tenThousand = await carol.post('/api/jobs', { profile: `${PROFILE}\n${variants(10_000)}\n` });
    expect(tenThousand.status).toBe(413);
    expect((tenThousand.body as { error: { message: string } }).error.message).toMatch(
      /holds 10,000 profileset variants; a comparison runs at most 500\./,
    );
    const baseLines = PROFILE.replace(/\n+$/, '').split('\n').length;
    const oneTooMany = await carol.post('/api/jobs', {
      profile: `${PROFILE.replace(/\n+$/, '')}\n${variants(501)}\n`,
    });
    expect(oneTooMany.status).toBe(422);
    expect(
      (oneTooMany.body as { error: { details: { errors: unknown[] } } }).error.details.errors[0],
    ).toMatchObject({
      code: 'SF_PROFILE_TOO_MANY_PROFILESETS',
      line: baseLines + 501,
    });
    const classChange = await carol.post('/api/jobs', {
      profile: `${PROFILE.replace(/\n+$/, '')}\nprofileset."mage"+=mage=Someone\n`,
    });
    expect(classChange.status).toBe(422);
    expect(
      (classChange.body as { error: { details: { errors: unknown[] } } }).error.details.errors[0],
    ).toMatchObject({
      code: 'SF_PROFILE_PROFILESET_CHANGES_CLASS',
      line: baseLines + 1,
    });

    expect(await tableCounts(getDb())).toEqual(before);
    // A target error with variants races them: accepted.
    const raced = await carol.post('/api/jobs', {
      profile: `${PROFILE.replace(/\n+$/, '')}\n${variants(2)}\n`,
      options: { strategy: { kind: 'target_error', targetErrorPct: 0.5 } },
    });
    expect(raced.status, JSON.stringify(raced.body)).toBe(201);
    before.jobs++;

    const unknownOption = await carol.post('/api/jobs', {
      profile: PROFILE,
      options: { fightLengthS: 300, bogus: 1 },
    });
    expect(unknownOption.status).toBe(400);
    expect(unknownOption.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });
    expect((unknownOption.body as { error: { message: string } }).error.message).toMatch(
      /additional properties/i,
    );

    const unknownField = await carol.post('/api/jobs', { profile: PROFILE, priority: 'high' });
    expect(unknownField.status).toBe(400);

    const outOfRange = await carol.post('/api/jobs', { profile: PROFILE, options: { targets: 99 } });
    expect(outOfRange.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });
    const unknownStyle = await carol.post('/api/jobs', { profile: PROFILE, options: { fightStyle: 'Raid' } });
    expect(unknownStyle.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });

    const tooMany = await carol.post('/api/jobs', {
      profile: PROFILE,
      options: { strategy: { kind: 'fixed', iterations: 5_000_000 } },
    });
    expect(tooMany.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });

    const notJson = await carol.request('POST', '/api/jobs', undefined, { rawBody: '{"profile": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });

    const broken = await carol.post<{ error: { code: string; details: { errors: { line: number }[] } } }>(
      '/api/jobs',
      {
        profile: 'hunter="Forge"\nspec=beast_mastery\nactions=kill_command\nactions+=/not_a_spell\n',
      },
    );
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('SF_STUDIO_PROFILE_INVALID');
    expect(broken.body.error.details.errors[0]!.line).toBe(4);

    // The editor's check refuses the same way, and never writes.
    const checkTooBig = await carol.post('/api/profiles/check', { profile: big });
    expect([checkTooBig.status, checkTooBig.body]).toMatchObject([
      413,
      { error: { code: 'SF_STUDIO_PROFILE_TOO_LARGE' } },
    ]);
    const checkBroken = await carol.post<typeof broken.body>('/api/profiles/check', {
      profile: 'hunter="Forge"\nspec=beast_mastery\nactions=kill_command\nactions+=/not_a_spell\n',
    });
    expect(checkBroken.status).toBe(422);
    expect(checkBroken.body.error.details.errors[0]!.line).toBe(4);
    const checkExtra = await carol.post('/api/profiles/check', { profile: PROFILE, options: {} });
    expect(checkExtra.body).toMatchObject({ error: { code: 'SF_STUDIO_BODY_INVALID' } });
    // No game data imported here: the profile parses, and there are no talents to show yet.
    expect((await carol.post('/api/profiles/check', { profile: PROFILE })).body).toEqual({
      talents: null,
      warnings: null,
    });

    expect(await tableCounts(getDb())).toEqual(before);
  });

  it('refuses hostile profile text with a coded 4xx, never a 500, and writes nothing', async () => {
    const before = await tableCounts(getDb());
    const chain = Array.from({ length: 400 }, (_, i) => `actions.l${i}=call_action_list,name=l${i + 1}`);
    const hostile: [string, string, number, string][] = [
      ['NUL in a comment', `${PROFILE}# from\u0000 a bot\n`, 422, 'SF_PROFILE_BAD_CHARACTER'],
      [
        'NUL in a value',
        PROFILE.replace('race=night_elf', 'race=night_elf\u0000'),
        422,
        'SF_PROFILE_BAD_CHARACTER',
      ],
      ['unpaired surrogate', `${PROFILE}# \ud800\n`, 422, 'SF_PROFILE_BAD_CHARACTER'],
      [
        'lists nested 400 deep',
        `${PROFILE}actions+=/call_action_list,name=l0\n${chain.join('\n')}\nactions.l400=kill_command\n`,
        422,
        'SF_PROFILE_ACTION_LIST_TOO_DEEP',
      ],
      [
        'a list calling itself',
        `${PROFILE}actions+=/call_action_list,name=a\nactions.a=call_action_list,name=a\n`,
        422,
        'SF_PROFILE_ACTION_LIST_CYCLE',
      ],
    ];
    for (const [what, profile, status, code] of hostile) {
      for (const path of ['/api/jobs', '/api/profiles/check']) {
        const res = await carol.post<{ error: { code: string; details: { errors: { code: string }[] } } }>(
          path,
          {
            profile,
          },
        );
        expect([what, path, res.status, res.body.error?.code]).toEqual([
          what,
          path,
          status,
          'SF_STUDIO_PROFILE_INVALID',
        ]);
        expect(res.body.error.details.errors[0]!.code, what).toBe(code);
      }
    }
    // A lone surrogate escaped in the raw JSON body, as a hostile client would send it.
    const raw = await carol.request('POST', '/api/jobs', undefined, {
      rawBody: `{"profile": ${JSON.stringify(PROFILE).slice(0, -1)}# \\udc00\\u0000"}`,
    });
    expect(raw.status).toBe(422);
    // 10,000 bad gear lines are over the studio's size limit; 2,000 list a hundred errors and a count.
    const manyBad = `${PROFILE}${Array.from({ length: 2000 }, (_, i) => `hed${i}=,id=1`).join('\n')}\n`;
    const many = await carol.post<{ error: { details: { errors: { code: string; message: string }[] } } }>(
      '/api/jobs',
      { profile: manyBad },
    );
    expect(many.status).toBe(422);
    expect(many.body.error.details.errors).toHaveLength(101);
    expect(many.body.error.details.errors.at(-1)!.message).toContain('1,900 more');
    expect(await tableCounts(getDb())).toEqual(before);
  });

  it('submits a valid profile with fight options appended as SimulationCraft option lines', async () => {
    const profile = await readFile(DEFAULT_PROFILE, 'utf8');
    const before = await tableCounts(getDb());
    const res = await carol.post<{ job: { id: string; status: string; strategy: string } }>('/api/jobs', {
      profile,
      options: {
        fightLengthS: 120,
        targets: 3,
        fightStyle: 'DungeonSlice',
        strategy: { kind: 'target_error', targetErrorPct: 0.5 },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.job).toMatchObject({ status: 'pending', strategy: 'target error 0.5%' });
    expect((await tableCounts(getDb())).jobs).toBe(before.jobs + 1);
    const detail = await carol.get<{ job: { profile: string } }>(`/api/jobs/${res.body.job.id}`);
    const stored = detail.body.job.profile;
    // The player's text is kept verbatim at the top, so its line numbers do not move.
    expect(stored.startsWith(profile.replace(/\s*$/, ''))).toBe(true);
    expect(stored).toMatch(
      /# simforge studio: fight options\nmax_time=120\ndesired_targets=3\nfight_style=DungeonSlice\ntarget_error=0.5\n$/,
    );
  });

  it('refuses a claim code that does not exist or was already used, and links a fresh one once', async () => {
    const before = await tableCounts(getDb());
    for (const code of ['NOPE-0000', '!!', 'x'.repeat(40)]) {
      const res = await carol.post('/api/nodes/claim', { code });
      expect(res.status, code).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'SF_STUDIO_CLAIM_CODE_INVALID' } });
      expect((res.body as { error: { message: string } }).error.message).toMatch(/claim code/);
    }
    expect(await tableCounts(getDb())).toEqual(before);

    await testQueries.run(getDb(), 'studio_test_node_insert', [
      fakePublicKey(21),
      null,
      'KJQX-7FPA',
      'garage',
    ]);
    const linked = await carol.post<{ node: { name: string; status: string } }>('/api/nodes/claim', {
      code: 'KJQX-7FPA',
    });
    expect(linked.status).toBe(201);
    expect(linked.body.node).toMatchObject({ name: 'garage' });

    const dave = studio.client();
    await dave.signUp('dave@example.test');
    const reused = await dave.post('/api/nodes/claim', { code: 'KJQX-7FPA' });
    expect(reused.status).toBe(404);
    expect(reused.body).toMatchObject({ error: { code: 'SF_STUDIO_CLAIM_CODE_INVALID' } });
    expect((await dave.get<{ nodes: unknown[] }>('/api/nodes')).body.nodes).toEqual([]);
    expect((await carol.get<{ nodes: unknown[] }>('/api/nodes')).body.nodes).toHaveLength(1);
  });

  it('signs in with the right password only, and stores sessions hashed', async () => {
    const erin = studio.client();
    await erin.get('/api/session');
    const wrong = await erin.post('/api/auth/sign-in', {
      email: 'carol@example.test',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'SF_STUDIO_AUTH_INVALID_CREDENTIALS' } });
    const unknown = await erin.post('/api/auth/sign-in', {
      email: 'nobody@example.test',
      password: 'whatever1',
    });
    expect(unknown.body).toMatchObject({ error: { code: 'SF_STUDIO_AUTH_INVALID_CREDENTIALS' } });
    const taken = await erin.post('/api/auth/sign-up', {
      email: 'Carol@example.test',
      password: 'another pass',
    });
    expect(taken.body).toMatchObject({ error: { code: 'SF_STUDIO_AUTH_EMAIL_TAKEN' } });
    const weak = await erin.post('/api/auth/sign-up', { email: 'erin@example.test', password: 'short' });
    expect(weak.body).toMatchObject({ error: { code: 'SF_STUDIO_AUTH_PASSWORD_WEAK' } });

    const ok = await erin.post<{ user: { id: string } }>('/api/auth/sign-in', {
      email: 'carol@example.test',
      password: 'correct horse battery',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(carolId);
    const token = erin.cookies.get(SESSION_COOKIE)!;
    const stored = await testQueries.run<{ token_hash: Uint8Array }>(getDb(), 'studio_test_sessions', [
      carolId,
    ]);
    expect(stored.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of stored.rows) expect(Buffer.from(row.token_hash).toString('base64url')).not.toBe(token);

    const out = await erin.post('/api/auth/sign-out');
    expect(out.status).toBe(200);
    const after = studio.client();
    after.cookies.set(SESSION_COOKIE, token);
    expect((await after.get<{ user: unknown }>('/api/session')).body.user).toBeNull();
  });

  it('limits profile checks per user per minute, and lets them through again after it', async () => {
    const limited = await startStudio(getDb(), { clock: () => nowMs, profileChecksPerMinute: 2 });
    try {
      const dave = limited.client();
      await dave.signUp('checks-dave@example.test');
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await dave.post('/api/profiles/check', { profile: PROFILE })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await dave.post('/api/profiles/check', { profile: PROFILE });
      expect(refused.body).toMatchObject({ error: { code: 'SF_STUDIO_RATE_LIMITED' } });
      // Another user has their own allowance.
      const erin = limited.client();
      await erin.signUp('checks-erin@example.test');
      expect((await erin.post('/api/profiles/check', { profile: PROFILE })).status).toBe(200);
      nowMs += 61_000;
      expect((await dave.post('/api/profiles/check', { profile: PROFILE })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits failed sign-ins per email, then lets the owner in after a minute', async () => {
    const frank = studio.client();
    await frank.get('/api/session');
    for (let i = 0; i < 3; i++) {
      const res = await frank.post('/api/auth/sign-in', {
        email: 'carol@example.test',
        password: `guess ${i}`,
      });
      expect(res.body).toMatchObject({ error: { code: 'SF_STUDIO_AUTH_INVALID_CREDENTIALS' } });
    }
    const limited = await frank.post('/api/auth/sign-in', {
      email: 'carol@example.test',
      password: 'correct horse battery',
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'SF_STUDIO_RATE_LIMITED' } });
    nowMs += 61_000;
    const later = await frank.post('/api/auth/sign-in', {
      email: 'carol@example.test',
      password: 'correct horse battery',
    });
    expect(later.status).toBe(200);
  });

  it('expires sessions on the injected clock', async () => {
    const grace = studio.client();
    await grace.signUp('grace@example.test');
    expect((await grace.get<{ user: unknown }>('/api/session')).body.user).not.toBeNull();
    nowMs += 31 * 24 * 3600 * 1000;
    expect((await grace.get<{ user: unknown }>('/api/session')).body.user).toBeNull();
    expect((await grace.get('/api/jobs')).status).toBe(401);
  });
});
