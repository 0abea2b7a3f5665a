// Comparisons in real headless Chromium on the embedded default: the Compare page's variants
// run as one profileset (an identical variant differs by exactly 0 ± 0, more agility wins and
// is shown against the base), the report's CSV and JSON exports, the comparison on a share link;
// the Stat Weights page's weights and Pawn string; Top Gear from an export's bag lines, raced,
// and too many combinations refused on the page; and bad input (no variants, a class change,
// ten thousand variants) answered on the page before anything is submitted. Screenshots go to
// test-artifacts/studio/.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.ts';
import { type Platform, startPlatform } from './support/platform.ts';
import { tableCounts } from './support/studio-server.ts';

const BASE_AGILITY = 2400; // the default profile's gear_agility

/** Worn items and bag lines as the addon exports them, their stats given on the lines. */
const WORN = `
# Ring A (600)
finger1=,id=900001,stats=100crit
# Ring B (600)
finger2=,id=900002,stats=100haste
# Helm (600)
head=,id=900021,stats=120agi_80vers

### Gear from Bags
#
# Ring C (610)
# finger1=,id=900003,stats=110mastery
#
# Better Helm (610)
# head=,id=900022,stats=400agi_200haste
#
# Plain Helm (590)
# head=,id=900023,stats=20agi
`;

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
      'Weapon DPS',
    ]);
    expect(rows[0]).toMatch(/^Agility\+1,000[\d.]+ ± [\d.]+1\.00$/);
    expect(await page.locator('[data-testid=pawn-string]').inputValue()).toMatch(
      /^\( Pawn: v1: "simforge Default_BM": Class=Hunter, Spec=BeastMastery, Agility=1\.00, CritRating=-?\d+\.\d\d, HasteRating=-?\d+\.\d\d, MasteryRating=-?\d+\.\d\d, Versatility=-?\d+\.\d\d, Dps=-?\d+\.\d\d \)$/,
    );
    expect(rows[5]).toMatch(/^Weapon DPS\+40/); // a 25th of the 1,000 points
    expect(await page.locator('[data-testid=comparison-row]').count()).toBe(7);
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

  it('finds the best gear from the export’s bag lines, and refuses more combinations than a job compares', async () => {
    const { page } = browser;
    await page.goto(`${platform.studioUrl}/top-gear`);
    const editor = page.locator('textarea[name=profile]');
    await editor.waitFor();
    const base = (await editor.inputValue()).trimEnd();
    await editor.fill(`${base}\n${WORN}`);
    const items = page.locator('[data-testid=top-gear-items] tbody tr');
    await expect
      .poll(() => items.allTextContents())
      .toEqual([
        'Ring C (610)finger1from the export',
        'Better Helm (610)headfrom the export',
        'Plain Helm (590)headfrom the export',
      ]);
    // Rings: 3 pairs of different rings; helms: 3. Nine, less what is worn.
    const count = page.locator('[data-testid=top-gear-count]');
    expect(await count.textContent()).toMatch(/^8 combinations to compare with what you wear \(\d+ KiB\)$/);

    // Thirty pasted trinkets are 435 pairs each: far over what one job compares.
    const trinkets = Array.from({ length: 30 }, (_, i) => `trinket1=,id=${910_000 + i},stats=${100 + i}agi`);
    await page.fill('textarea[name=pastedItems]', trinkets.join('\n'));
    await expect
      .poll(() => count.textContent())
      .toMatch(/^3,915 combinations \(finger 3 x head 3 x trinket 435\): at most 500/);
    const button = page.locator('[data-testid=simulate]');
    expect(await button.isDisabled()).toBe(true);
    await browser.screenshot('25-top-gear-too-many');
    await page.fill('textarea[name=pastedItems]', '');
    await expect
      .poll(() => count.textContent())
      .toMatch(/^8 combinations to compare with what you wear \(\d+ KiB\)$/);

    // Leave the plain helm out, race the rest in one-minute fights.
    await items.nth(2).locator('input[type=checkbox]').uncheck();
    await expect
      .poll(() => count.textContent())
      .toMatch(/^5 combinations to compare with what you wear \(\d+ KiB\)$/);
    await page.fill('input[name=fightLengthS]', '60');
    await page.fill('input[name=targetErrorPct]', '0.5');
    await expect.poll(() => button.isDisabled()).toBe(false);
    expect(await button.textContent()).toBe('Find the best of 6');
    await browser.screenshot('26-top-gear');
    await button.click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=comparison-table]').waitFor({ timeout: 180_000 });
    expect(await page.locator('[data-testid=comparison-row]').count()).toBe(6);
    const winner = page.locator('[data-testid=comparison-winner]');
    // The mastery ring in place of the haste one, and the better helm.
    expect(await winner.locator('h2').textContent()).toMatch(
      /^Best: Ring C \(610\) for Ring B \(600\) \+ Better Helm \(610\) \+[\d,.]+ ± [\d,.]+ DPS over the base$/,
    );
    expect(await winner.locator('[data-testid=winner-changes] tbody tr').allTextContents()).toEqual([
      'finger2,id=900002,stats=100haste,id=900003,stats=110mastery',
      'head,id=900021,stats=120agi_80vers,id=900022,stats=400agi_200haste',
    ]);
    await browser.screenshot('27-top-gear-result');
  });
});
