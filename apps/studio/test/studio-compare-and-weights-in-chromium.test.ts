// Comparisons in real headless Chromium on the embedded default: the Compare page's variants
// run as one profileset (an identical variant differs by exactly 0 ± 0, more agility wins and
// is shown against the base), the report's CSV and JSON exports, the comparison on a share link;
// the Stat Weights page's weights and Pawn string; and bad input (no variants, a class change,
// ten thousand variants) answered on the page before anything is submitted. Screenshots go to
// test-artifacts/studio/.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.ts';
import { type Platform, startPlatform } from './support/platform.ts';
import { tableCounts } from './support/studio-server.ts';

const BASE_AGILITY = 2400; // the default profile's gear_agility

describe('studio comparisons in Chromium', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform({ nodes: 2, maxParallel: 1 });
    browser = await launchChromium();
    const { page } = browser;
    await page.goto(platform.studioUrl);
    await page.fill('input[name=email]', 'comparer@example.test');
    await page.fill('input[name=password]', 'a strong password');
    await page.click('[data-testid=sign-up]');
    await page.locator('textarea[name=profile]').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('compares variants on the same seeds, ranks them, shows the winner’s changes and exports the table', async () => {
    const { page } = browser;
    await page.click('nav >> text=Compare');
    await page.locator('[data-testid=variant-card]').first().waitFor();
    const card = (i: number) => page.locator('[data-testid=variant-card]').nth(i);
    await card(0).locator('input[name=variantName]').fill('More agility');
    await card(0)
      .locator('textarea[name=variantLines]')
      .fill(`gear_agility=${BASE_AGILITY + 2000}`);
    await page.click('[data-testid=add-variant]');
    await card(1).locator('input[name=variantName]').fill('Same as base');
    await card(1).locator('textarea[name=variantLines]').fill(`gear_agility=${BASE_AGILITY}`);
    await page.fill('input[name=iterations]', '2000');
    const button = page.locator('[data-testid=simulate]');
    await expect.poll(() => button.isDisabled()).toBe(false);
    expect(await button.textContent()).toBe('Compare 3 profiles');
    await browser.screenshot('20-compare');

    await button.click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=comparison-table]').waitFor({ timeout: 120_000 });
    const rows = page.locator('[data-testid=comparison-row]');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).getAttribute('data-base')).toBe('true');
    // Ranked by the paired difference: the agility variant first, the identical one exactly 0.
    expect(await rows.nth(1).textContent()).toMatch(/^1More agility/);
    expect(await rows.nth(1).locator('span.gain').count()).toBe(1);
    expect(await rows.nth(2).textContent()).toMatch(/Same as base.*\+0\.0 ± 0\.0 \(\+0\.0%\)/);
    const winner = page.locator('[data-testid=comparison-winner]');
    expect(await winner.locator('h2').textContent()).toMatch(
      /^Best: More agility \+[\d,.]+ ± [\d,.]+ DPS over the base$/,
    );
    expect(await winner.locator('[data-testid=winner-changes] tbody').textContent()).toBe(
      `gear_agility${BASE_AGILITY}${BASE_AGILITY + 2000}`,
    );
    // Not stat weights: one variant raises agility, the other changes nothing.
    expect(await page.locator('[data-testid=stat-weights]').count()).toBe(0);
    await browser.screenshot('21-compare-result');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Export CSV')]);
    const csvText = await readFile((await csv.path())!, 'utf8');
    const csvRows = csvText.trim().split('\r\n');
    expect(csvRows[0]).toBe(
      'name,iterations,dps,dps_error_95,difference,difference_error_95,difference_pct,stopped_behind',
    );
    expect(csvRows.map((r) => r.split(',')[0])).toEqual(['name', 'base', 'More agility', 'Same as base']);
    expect(csvRows[3]!.split(',').slice(4)).toEqual(['0', '0', '0', '']);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('text=Export JSON')]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
      rows: Array<{ name: string; iterations: number; difference: number; changes?: unknown[] }>;
      weights: unknown;
    };
    expect(exported.rows.map((r) => [r.name, r.iterations])).toEqual([
      ['base', 2000],
      ['More agility', 2000],
      ['Same as base', 2000],
    ]);
    expect(exported.rows[1]!.changes).toEqual([
      {
        key: 'gear_agility',
        append: false,
        base: String(BASE_AGILITY),
        variant: String(BASE_AGILITY + 2000),
      },
    ]);
    expect(exported.weights).toBeNull();

    // A share link carries the comparison, not the rest of the profile.
    await page.click('text=Share link');
    const url = await page.locator('[data-testid=share-url]').inputValue();
    const visitor = await browser.context.newPage();
    await visitor.goto(url);
    await visitor.locator('[data-testid=comparison-table]').waitFor();
    expect(await visitor.locator('[data-testid=comparison-row]').count()).toBe(3);
    expect(await visitor.locator('[data-testid=winner-changes]').textContent()).toMatch(/gear_agility/);
    await visitor.close();
  });

  it('weighs stats on the Stat Weights page and gives a Pawn string', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/weights`);
    await page.locator('[data-testid=weighed-stats]').waitFor();
    await page.fill('input[name=delta]', '1000');
    await page.fill('input[name=iterations]', '2000');
    const button = page.locator('[data-testid=simulate]');
    await expect.poll(() => button.isDisabled()).toBe(false);
    await browser.screenshot('22-weights');
    await button.click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    const table = page.locator('[data-testid=stat-weights-table]');
    await table.waitFor({ timeout: 180_000 });
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.map((r) => r.match(/^[A-Za-z ]+/)?.[0])).toEqual([
      'Agility',
      'Critical Strike',
      'Haste',
      'Mastery',
      'Versatility',
    ]);
    expect(rows[0]).toMatch(/^Agility\+1,000[\d.]+ ± [\d.]+1\.00$/);
    expect(await page.locator('[data-testid=pawn-string]').inputValue()).toMatch(
      /^\( Pawn: v1: "simforge Default_BM": Class=Hunter, Spec=BeastMastery, Agility=1\.00, CritRating=-?\d+\.\d\d, HasteRating=-?\d+\.\d\d, MasteryRating=-?\d+\.\d\d, Versatility=-?\d+\.\d\d \)$/,
    );
    expect(await page.locator('[data-testid=comparison-row]').count()).toBe(6);
    await browser.screenshot('23-weights-result');
  });

  it('answers bad comparisons on the page: no variants, a class change, ten thousand variants', async () => {
    const { page } = browser;
    const before = await tableCounts(platform.db);
    await page.goto(`${platform.studioUrl}/compare`);
    const button = page.locator('[data-testid=simulate]');
    const cards = page.locator('[data-testid=variant-card]');
    await cards.first().waitFor();
    while ((await cards.count()) > 0) await cards.first().locator('text=Remove').click();
    expect(await page.locator('[data-testid=compare-problem]').textContent()).toBe(
      'Add a variant to compare with the base.',
    );
    expect(await button.isDisabled()).toBe(true);

    await page.click('[data-testid=add-variant]');
    await cards.first().locator('textarea[name=variantLines]').fill('gear_agility=2500\nspec=marksmanship');
    const errors = cards.first().locator('[data-testid=variant-errors]');
    await expect
      .poll(() => errors.textContent())
      .toMatch(/^Line 2: 'spec': a profileset may not change the class or spec/);
    expect(await button.isDisabled()).toBe(true);
    await browser.screenshot('24-compare-class-change');

    // A pasted SimulationCraft file with ten thousand profileset lines: refused at the 501st.
    await cards.first().locator('text=Remove').click();
    const editor = page.locator('textarea[name=profile]');
    const base = (await editor.inputValue()).replace(/\n+$/, '');
    const pasted = `${base}\n${Array.from({ length: 10_000 }, (_, i) => `profileset."v${i}"+=gear_agility=${i}`).join('\n')}\n`;
    await editor.evaluate((el, text) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setValue.call(el, text);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, pasted);
    const line = base.split('\n').length + 501;
    const listed = page.locator(`[data-testid=profile-errors] li[data-line="${line}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toMatch(/more profilesets than one comparison runs \(500\)/);
    expect(await button.isDisabled()).toBe(true);
    await editor.evaluate((el, text) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setValue.call(el, text);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, `${base}\n`);
    expect(await tableCounts(platform.db)).toEqual(before);
  });
});
