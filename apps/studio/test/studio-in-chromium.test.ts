// The studio in real headless Chromium on the embedded default: sign up, submit the default
// profile, watch progress reach 100%, read the report; share it; link a node by its claim
// code; a quarantined node's warning and Re-link; a result's verification line and the
// warning when a node that computed part of it is quarantined later; a broken profile shows its
// error at the right line and inserts nothing; a real talent export's talents, before the run
// and in its report; an addon export run as pasted, its warnings listed, its stored bytes those
// of `simforge sim`; hostile pastes (10 MB, a NUL). A screenshot of each page goes to
// test-artifacts/studio/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SIMC_MID1_BM_TALENTS } from '@simforge/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimforgeSim } from '../../cli/test/support/simforge-sim.ts';
import { type Browser, launchChromium } from './support/chromium.ts';
import { type Platform, startPlatform } from './support/platform.ts';
import { fakePublicKey, tableCounts } from './support/studio-server.ts';
import { testQueries } from './support/test-queries.ts';

const LIE = 'its result for chunk 2 of a job lost to another owner’s';
const DARK_RANGER_EXPORT = fileURLToPath(
  new URL('../../../packages/engine/profiles/examples/addon-export-dark-ranger.simc', import.meta.url),
);

describe('studio in Chromium', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform({ nodes: 2, maxParallel: 1 });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('signs up, simulates the default profile, shows progress to 100% and the report', async () => {
    const { page } = browser;
    await page.goto(platform.studioUrl);
    await page.fill('input[name=email]', 'player@example.test');
    await page.fill('input[name=password]', 'a strong password');
    await browser.screenshot('01-sign-up');
    await page.click('[data-testid=sign-up]');

    const editor = page.locator('textarea[name=profile]');
    await editor.waitFor();
    expect(await editor.inputValue()).toMatch(/spec=beast_mastery/);
    await page.fill('input[name=iterations]', '10000');
    await browser.screenshot('02-simulate');

    const before = await tableCounts(platform.db);
    await page.click('[data-testid=simulate]');
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    expect((await tableCounts(platform.db)).jobs).toBe(before.jobs + 1);

    // Sample the bar while the job runs: it only moves forward and ends at 100%.
    const seen: number[] = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const text = await page.locator('[data-testid=progress-label]').first().textContent();
      if (text) seen.push(Number.parseInt(text, 10));
      if ((await page.locator('[data-testid=result-report]').count()) > 0) break;
      await page.waitForTimeout(100);
    }
    await page.locator('[data-testid=result-report]').waitFor({ timeout: 5_000 });
    expect(seen.at(-1) ?? (await page.locator('[data-testid=progress-label]').textContent())).toBeTruthy();
    expect(await page.locator('[data-testid=progress-label]').first().textContent()).toBe('100%');
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(await page.locator('[data-testid=job-status]').textContent()).toBe('completed');

    const dps = Number((await page.locator('[data-testid=dps-mean]').textContent())!.replace(/,/g, ''));
    expect(dps).toBeGreaterThan(0);
    await page.locator('[data-testid=dps-histogram] canvas').waitFor();
    const abilityRows = await page.locator('[data-testid=ability-table] tbody tr').count();
    expect(abilityRows).toBeGreaterThan(3);
    await expect
      .poll(() => page.locator('[data-testid=ability-table]').textContent())
      .toMatch(/Kill Command/);
    await page.locator('[data-testid=timeline-chart] canvas').waitFor();
    // The sentinel's own meta.verification: the volunteers' nodes share one owner, so nobody
    // else could check their chunks, and the line says how many were verified (none here).
    expect(await page.locator('[data-testid=verification-line]').textContent()).toMatch(
      /^Verified: \d+ of \d+ chunks? independently/,
    );
    expect(await page.locator('[data-testid=taint-warning]').count()).toBe(0);
    // The nodes belong to the volunteers' account: named for the player only as volunteers.
    const nodeLabels = await page.locator('[data-testid=run-node-label]').allTextContents();
    expect(nodeLabels.length).toBeGreaterThan(0);
    for (const label of nodeLabels) expect(label).toMatch(/^volunteer node \d+$/);
    await browser.screenshot('03-result');

    await page.click('text=Jobs');
    await page.locator('tr[data-status=completed]').first().waitFor();
    await browser.screenshot('04-jobs');
  });

  it('shares the result with a link that works signed out', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/jobs`);
    await page.locator('tr[data-status=completed] a').first().click();
    await page.locator('[data-testid=result-report]').waitFor();
    await page.click('text=Share link');
    await page.locator('[data-testid=share-url]').waitFor();
    const url = await page.locator('[data-testid=share-url]').inputValue();
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    const dps = await page.locator('[data-testid=dps-mean]').textContent();

    await page.click('text=Sign out');
    await page.locator('[data-testid=sign-up]').waitFor();
    await page.goto(url);
    await page.locator('[data-testid=result-report]').waitFor();
    expect(await page.locator('[data-testid=dps-mean]').textContent()).toBe(dps);
    expect(await page.locator('nav').count()).toBe(0);
    await browser.screenshot('05-shared-result');

    await page.goto(platform.studioUrl);
    await page.fill('input[name=email]', 'player@example.test');
    await page.fill('input[name=password]', 'a strong password');
    await page.click('[data-testid=sign-in]');
    await page.locator('textarea[name=profile]').waitFor();
  });

  it('links a node by the claim code it printed', async () => {
    const { page } = browser;
    const { code } = await platform.startUnlinkedNode('garage');
    await page.goto(`${platform.studioUrl}/nodes`);
    await page.fill('input[name=claimCode]', 'NOT-A-CODE');
    await page.click('[data-testid=link-node]');
    await expect
      .poll(() => page.locator('[data-testid=node-message]').textContent())
      .toMatch(/No node is waiting/);

    await page.fill('input[name=claimCode]', code.toLowerCase());
    await page.click('[data-testid=link-node]');
    await expect.poll(() => page.locator('[data-testid=node-message]').textContent()).toMatch(/Linked/);
    await page.locator('[data-testid=node-table] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=node-table] tbody tr').count()).toBe(1);

    // Rename it and lower its parallelism; both survive a reload.
    await page.fill('input[aria-label="node name"]', 'garage box');
    await page.fill('input[aria-label="parallelism"]', '1');
    await page.locator('input[aria-label="node name"]').focus();
    await page.locator('input[aria-label="node name"]').blur();
    await page.waitForResponse((r) => r.url().includes('/api/nodes') && r.request().method() === 'GET');
    await page.reload();
    await expect.poll(() => page.locator('input[aria-label="node name"]').inputValue()).toBe('garage box');
    await browser.screenshot('06-nodes');
  });

  it('warns of a quarantined node with its reason and clears it with Re-link', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/nodes`);
    await page.locator('[data-testid=node-table]').waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    const inserted = await testQueries.run<{ id: string }>(platform.db, 'studio_test_node_insert', [
      fakePublicKey(41),
      session.user.id,
      null,
      'attic box',
    ]);
    const nodeId = inserted.rows[0]!.id;
    await testQueries.run(platform.db, 'studio_test_node_quarantine', [nodeId, LIE]);

    await page.reload();
    const notice = page.locator('[data-testid=quarantine-notice]');
    await notice.waitFor();
    expect(await notice.count()).toBe(1);
    expect(await page.locator('[data-testid=quarantine-reason]').textContent()).toBe(LIE);
    expect(await notice.textContent()).toMatch(/Quarantined .+ for returning false results/);
    expect(await notice.textContent()).toContain(`simforge nodes relink ${nodeId}`);
    const row = page.locator(`tr[data-node-id="${nodeId}"]`);
    expect(await row.getAttribute('data-status')).toBe('quarantined');
    expect(await row.locator('[data-testid=node-trust]').textContent()).toMatch(
      /12 results checked, 11 agreed, 1 disagreed.*every result checked/,
    );
    await browser.screenshot('10-quarantined-node');

    await page.click('[data-testid=relink-node]');
    await expect
      .poll(() => page.locator('[data-testid=node-message]').textContent())
      .toMatch(/Re-linked attic box/);
    await notice.waitFor({ state: 'detached' });
    expect(await row.getAttribute('data-status')).toBe('offline');
    const stored = await testQueries.run<{ status: string; trust_epoch: number }>(
      platform.db,
      'studio_test_node_trust',
      [nodeId],
    );
    expect(stored.rows[0]).toMatchObject({ status: 'offline', trust_epoch: 1 });
  });

  it('warns on a result, and its share link, when a node that computed part of it is quarantined', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/jobs`);
    await page.locator('tr[data-status=completed] a').first().click();
    await page.locator('[data-testid=result-report]').waitFor();
    const jobId = /\/jobs\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    await testQueries.run(platform.db, 'studio_test_job_taint_insert', [jobId, fakePublicKey(42), 3, LIE]);

    await page.reload();
    const warning = page.locator('[data-testid=taint-warning]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(
      `3 chunks of this result were computed only by a node later quarantined for returning false results (${LIE}). Re-run the job for a trustworthy number.`,
    );
    await browser.screenshot('11-tainted-result');

    // Shared in an earlier test: the link carries the same warning, worded for a visitor.
    const url = await page.locator('[data-testid=share-url]').inputValue();
    await page.goto(url);
    await page.locator('[data-testid=taint-warning]').waitFor();
    expect(await page.locator('[data-testid=taint-warning]').textContent()).toMatch(
      /3 chunks of this result were computed only by a node later quarantined .*Ask its owner to re-run/,
    );
    expect(await page.locator('[data-testid=verification-line]').textContent()).toMatch(/^Verified: /);
  });

  it('cancels a running job, shows why it failed, and resubmits it', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/simulate`);
    await page.locator('textarea[name=profile]').waitFor();
    await page.fill('input[name=iterations]', '1000000');
    await page.click('[data-testid=simulate]');
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const first = page.url();
    await page.click('button:has-text("Cancel")');
    const reason = page.locator('[data-testid=failure-reason]');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(/cancelled/);
    expect(await page.locator('[data-testid=job-status]').textContent()).toBe('failed');
    await browser.screenshot('09-cancelled');

    await page.click('button:has-text("Resubmit")');
    await page.waitForURL((url) => url.toString() !== first && /\/jobs\/[0-9a-f-]{36}$/.test(url.toString()));
    expect(await page.locator('[data-testid=job-status]').textContent()).toMatch(/pending|running/);
    await page.click('button:has-text("Cancel")');
    await page.locator('[data-testid=failure-reason]').waitFor();

    await page.click('text=Jobs');
    await page.locator('tr[data-status=failed]').nth(1).waitFor();
    expect(await page.locator('tr[data-status=failed]').first().textContent()).toMatch(/cancelled/);
  });

  it('shows the talents a real export takes before the run, and the same in the report', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/simulate`);
    const editor = page.locator('textarea[name=profile]');
    await editor.waitFor();
    const exported = (await editor.inputValue()).replace(/^talents=.*$/m, `talents=${SIMC_MID1_BM_TALENTS}`);
    await editor.fill(exported);
    await page.fill('input[name=iterations]', '2000');

    const expectTalents = async () => {
      const panel = page.locator('[data-testid=talents]');
      await panel.waitFor();
      expect(await panel.locator('[data-testid=hero-tree]').textContent()).toBe('hero tree: Pack Leader');
      const talent = (name: string) => panel.locator('[data-testid=talent]', { hasText: name }).first();
      expect(await talent('Kill Command').getAttribute('data-modelled')).toBe('true');
      expect(await talent('Howl of the Pack Leader').getAttribute('data-modelled')).toBe('true');
      expect(await talent('Hogstrider').getAttribute('data-modelled')).toBe('false');
      expect(await panel.locator('[data-testid=not-modelled]').textContent()).toMatch(
        /^\* Not simulated yet \(\d+; the sim runs without them\): .*Hogstrider/,
      );
      return panel.locator('[data-testid=talent]').allTextContents();
    };
    await expect.poll(() => page.locator('[data-testid=talents] [data-testid=hero-tree]').count()).toBe(1);
    const before = await expectTalents();
    await browser.screenshot('12-talents');

    await page.click('[data-testid=simulate]');
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=result-report]').waitFor({ timeout: 120_000 });
    expect(await expectTalents()).toEqual(before);

    // An addon-style paste: no action lines, a potion. Both are listed, and it still simulates.
    await page.goto(`${platform.studioUrl}/simulate`);
    await editor.waitFor();
    const addon = `${exported
      .split('\n')
      .filter((l) => !l.startsWith('actions'))
      .join('\n')}\npotion=tempered_potion_3\n`;
    await editor.fill(addon);
    const warnings = page.locator('[data-testid=profile-warnings]');
    await warnings.waitFor();
    expect(await warnings.textContent()).toMatch(/default priority list is used/);
    expect(await warnings.textContent()).toMatch(/potion=tempered_potion_3: not simulated yet/);
    await page.locator('[data-testid=talents]').waitFor();
    expect(await page.locator('[data-testid=simulate]').isDisabled()).toBe(false);
    await browser.screenshot('13-addon-warnings');
    // The report lists the same lines.
    await page.fill('input[name=iterations]', '2000');
    await page.click('[data-testid=simulate]');
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const reportWarnings = page.locator('[data-testid=result-warnings]');
    await reportWarnings.waitFor({ timeout: 120_000 });
    expect(await reportWarnings.textContent()).toMatch(/potion=tempered_potion_3: not simulated yet/);
    expect(await reportWarnings.textContent()).toMatch(/default priority list is used/);

    // A string cut short is refused by the server's check at its line, before any job exists.
    await page.goto(`${platform.studioUrl}/simulate`);
    await editor.waitFor();
    const cutLine = exported.split('\n').findIndex((l) => l.startsWith('talents=')) + 1;
    await editor.fill(exported.replace(SIMC_MID1_BM_TALENTS, SIMC_MID1_BM_TALENTS.slice(0, 30)));
    const listed = page.locator(`[data-testid=profile-errors] li[data-line="${cutLine}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(/talent/i);
    expect(await page.locator('[data-testid=simulate]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=talents]').count()).toBe(0);
  });

  it('runs an addon export as pasted, lists its warnings, and stores the bytes simforge sim computes', async () => {
    const { page } = browser;
    const exported = readFileSync(DARK_RANGER_EXPORT, 'utf8');
    await page.goto(`${platform.studioUrl}/simulate`);
    const editor = page.locator('textarea[name=profile]');
    await editor.waitFor();
    await editor.fill(exported);
    // The server's check adds the game data's warnings to the profile's own.
    const warnings = page.locator('[data-testid=profile-warnings]');
    await expect
      .poll(
        async () =>
          (await warnings.count()) > 0 &&
          /is not in the game data/.test((await warnings.textContent()) ?? ''),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    const listed = (await warnings.textContent()) ?? '';
    expect(listed).toMatch(/item 249988 is not in the game data: it adds nothing/);
    expect(listed).toMatch(/no main_hand weapon: bow_3\.00speed_420min_640max is used/);
    expect(listed).toMatch(/flask=flask_of_the_magisters_2: not simulated yet/);
    expect(await page.locator('[data-testid=hero-tree]').textContent()).toBe('hero tree: Dark Ranger');
    await browser.screenshot('14-addon-export');

    await page.fill('input[name=iterations]', '2000');
    await page.selectOption('select[name=fightStyle]', 'HecticAddCleave');
    await page.click('[data-testid=simulate]');
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const reportWarnings = page.locator('[data-testid=result-warnings]');
    await reportWarnings.waitFor({ timeout: 120_000 });
    expect(await reportWarnings.textContent()).toMatch(/item 249988 is not in the game data/);
    // The header says who was simulated in what fight, and what of the raid is missing.
    expect(await page.locator('[data-testid=character] h2').textContent()).toMatch(
      /^Nightquill level 90 void elf beast mastery, Dark Ranger$/,
    );
    expect(await page.locator('[data-testid=character-fight]').textContent()).toMatch(
      /Item level unknown .*HecticAddCleave, 1 target, 300 s .*Raid: Battle Shout, Mystic Touch, Chaos Brand, Bloodlust$/,
    );

    // The stored job, as simforge sim runs it (its text carries the studio's option lines).
    const jobId = page.url().split('/').at(-1)!;
    const job = await page.evaluate(async (id) => {
      const res = await fetch(`/api/jobs/${id}`);
      return ((await res.json()) as { job: { profile: string; resultHex: string } }).job;
    }, jobId);
    const stored = Buffer.from(job.resultHex.replace(/^\\x/, ''), 'hex');
    const sim = await runSimforgeSim(job.profile, []);
    expect(sim.code, sim.err).toBe(0);
    expect(sim.out).toContain(`result sha256: ${createHash('sha256').update(stored).digest('hex')}`);
  });

  it('shows a broken profile’s error at its line and inserts nothing', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/simulate`);
    const editor = page.locator('textarea[name=profile]');
    await editor.waitFor();
    const text = await editor.inputValue();
    const lines = text.replace(/\n+$/, '').split('\n');
    const brokenLine = lines.length + 1;
    await editor.fill(`${lines.join('\n')}\nactions+=/summon_demon,if=focus>50\n`);

    const marker = page.locator(`.gutter-line.has-error[data-line="${brokenLine}"]`);
    await marker.waitFor();
    expect(await page.locator('.gutter-line.has-error').count()).toBe(1);
    expect(await page.locator('[data-testid=inline-error]').textContent()).toMatch(/summon_demon/);
    const listed = page.locator(`[data-testid=profile-errors] li[data-line="${brokenLine}"]`);
    expect(await listed.textContent()).toMatch(new RegExp(`Line ${brokenLine}, column \\d+`));
    expect(await page.locator('[data-testid=simulate]').isDisabled()).toBe(true);
    await browser.screenshot('07-profile-error');

    // The server refuses it too, with the same line, and writes nothing.
    const before = await tableCounts(platform.db);
    const answer = await page.evaluate(
      async (profile) => {
        const csrf = document.cookie.match(/sf_csrf=([^;]+)/)?.[1] ?? '';
        const res = await fetch('/api/jobs', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
          body: JSON.stringify({ profile }),
        });
        return { status: res.status, body: await res.json() };
      },
      await editor.inputValue(),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.details.errors[0].line).toBe(brokenLine);
    expect(await tableCounts(platform.db)).toEqual(before);

    await page.click('text=Reset to default Beast Mastery');
    await page.locator('.gutter-line.has-error').waitFor({ state: 'detached' });
  });

  it('stays usable after a 10 MB paste and a NUL character, and keeps no broken draft', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/simulate`);
    const editor = page.locator('textarea[name=profile]');
    await editor.waitFor();
    const text = await editor.inputValue();

    // What a paste does: the value changes at once and one input event fires. (Playwright's fill
    // types the text in, which takes minutes for 10 MB in any textarea.)
    await editor.evaluate(
      (el, pasted) => {
        const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
        setValue.call(el, pasted);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      },
      `${text}\n${'# padding padding padding padding padding padding\n'.repeat(210_000)}`,
    );
    const tooLarge = page.locator('[data-testid=profile-errors] li[data-line="1"]');
    await tooLarge.waitFor();
    expect(await tooLarge.textContent()).toMatch(/bytes; at most 1,048,576/);
    expect(await page.locator('[data-testid=simulate]').isDisabled()).toBe(true);
    // The page survives a reload: the paste was too large to keep as a draft, so it starts over.
    await page.reload();
    await editor.waitFor();
    expect((await editor.inputValue()).length).toBeLessThan(100_000);

    const nulLine = text.replace(/\n+$/, '').split('\n').length + 1;
    await editor.fill(`${text.replace(/\n+$/, '')}\n# pasted from a chat\u0000 window\n`);
    const listed = page.locator(`[data-testid=profile-errors] li[data-line="${nulLine}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(/control character U\+0000/);
    await page.click('text=Reset to default Beast Mastery');
    await page.locator('[data-testid=profile-errors]').waitFor({ state: 'detached' });
  });

  it('searches spells and reads one', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/spells`);
    await page.fill('input[name=spellQuery]', '34026');
    const hit = page.locator('[data-testid=spell-hits] a').first();
    await hit.waitFor();
    await hit.click();
    await page.locator('[data-testid=spell-effects]').waitFor();
    // The tooltip text with its tokens filled: the pet spell's damage as a share of attack power.
    expect(await page.locator('[data-testid=spell-description]').textContent()).toBe(
      'Give the command to kill, causing your pet to savagely deal (210% of Attack Power) Physical damage to the enemy.',
    );
    expect(await page.locator('[data-testid=spell-effects] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=spell-data]').textContent()).toMatch(/"id"/);
    await browser.screenshot('08-spells');
  });
});
