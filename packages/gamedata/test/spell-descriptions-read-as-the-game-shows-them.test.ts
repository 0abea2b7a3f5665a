// The Spells page shows descriptions with their tokens filled, as the game's tooltip does:
// from the spell's own effects, duration and stacks, or from another spell the text names.
import { describe, expect, it } from 'vitest';
import {
  CsvGameDataSource,
  GameDataResolver,
  loadBundle,
  REAL_TABLES_DIR,
  renderSpellText,
  type SpellData,
  spellTextReferences,
} from '../src/index.ts';

const SPELLS = [34026, 83381, 217200, 246152, 257944, 257946, 2643];

let loaded: Promise<Record<number, SpellData>> | undefined;
function spells(): Promise<Record<number, SpellData>> {
  const resolver = new GameDataResolver({ origin: new CsvGameDataSource({ dirs: [REAL_TABLES_DIR] }) });
  loaded ??= loadBundle(resolver, { spellIds: SPELLS, specId: 253, powerTypes: [2] }).then((b) => b.spells);
  return loaded;
}

function describeSpell(all: Record<number, SpellData>, id: number): string {
  const spell = all[id]!;
  return renderSpellText(spell.description, spell, (other) => all[other]);
}

describe('spell descriptions', () => {
  it('fill tokens from the spell itself and from the spells they name', async () => {
    const all = await spells();
    // Another spell's effect that scales with attack power: its share of it.
    expect(describeSpell(all, 34026)).toBe(
      'Give the command to kill, causing your pet to savagely deal (210% of Attack Power) Physical damage to the enemy.',
    );
    // A periodic effect's total over the duration, and another spell's focus over its duration.
    expect(describeSpell(all, 217200)).toBe(
      'Fire a shot that tears through your enemy, causing them to bleed for (138% of Attack Power) damage ' +
        'over 8 sec and sends your pet into a frenzy. Generates 20 Focus over 8 sec.',
    );
    expect(describeSpell(all, 246152)).toBe('Generating 5 Focus every 2 sec.');
    // Percentages, durations and stack caps of a named buff.
    expect(describeSpell(all, 257944)).not.toMatch(/\$/);
    // A radius from the real SpellRadius table.
    expect(describeSpell(all, 2643)).toMatch(/within \d+ yds of your current target for/);
    expect(describeSpell(all, 2643)).not.toMatch(/\$/);
  });

  it('leave what they cannot answer as written, and do not loop on a spell quoting itself', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the game's own formula syntax
    const description = 'Deals $s1 and $99s1, $?s5[yes $s1][no]; ${$s1*2} $1s1 $99999999999s1; $@spelldesc1';
    const spell = { ...(await spells())[246152]!, id: 1, description };
    const text = renderSpellText(spell.description, spell, (id) => (id === 1 ? spell : undefined));
    expect(text).toContain('$99s1');
    expect(text).toContain('$?s5[yes $s1][no]');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the game's own formula syntax
    expect(text).toContain('${$s1*2}');
    expect(text).toMatch(/^Deals 5 and \$99s1, .* 5 \$99999999999s1;/);
    expect(text.length).toBeLessThan(1_000);
    expect(spellTextReferences(spell.description).sort()).toEqual([1, 99]);
    expect(spellTextReferences('$99999999999s1 $2147483648d')).toEqual([]);
  });
});
