// The table of every talent a Beast Mastery hunter can take (the hunter class tree, the BM spec
// tree, the Pack Leader and Dark Ranger hero trees), whether the engine models it, and which
// tables its numbers come from: real game tables or labelled fixtures. docs/engine.md holds it
// between markers; `npm run docs:talents -w @simforge/engine` rewrites it, and a test fails
// when the docs and the data or the engine disagree.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  CsvGameDataSource,
  FIXTURES_DIR,
  GameDataError,
  loadBundle,
  REAL_TABLES_DIR,
  readDbcTable,
  type TableName,
  type TalentTree,
} from '@simforge/gamedata';
import { DEFAULT_SPEC_REGISTRY } from '../src/index.ts';

export const DOC_PATH = fileURLToPath(new URL('../../../docs/engine.md', import.meta.url));
const START = '<!-- talent-table:start -->';
const END = '<!-- talent-table:end -->';

const SPEC_ID = 253;
const HERO_TREES = ['Pack Leader', 'Dark Ranger'];
/** Spell-keyed tables whose rows give a talent's numbers. */
const SPELL_TABLES: TableName[] = [
  'SpellEffect',
  'SpellMisc',
  'SpellCooldowns',
  'SpellCategories',
  'SpellAuraOptions',
  'SpellPower',
  'SpellClassOptions',
];

async function spellIdsIn(table: TableName, dir: string): Promise<Set<number>> {
  try {
    const { rows } = await readDbcTable(table, [dir]);
    return new Set(rows.map((row) => Number(row.SpellID)));
  } catch (error) {
    if (error instanceof GameDataError && error.code === 'SF_GAMEDATA_TABLE_MISSING') return new Set();
    throw error;
  }
}

function treeLabel(tree: TalentTree, currencyId: number, subTreeId: number): string | null {
  if (subTreeId !== 0) {
    const name = tree.subTrees.find((s) => s.id === subTreeId)?.name ?? '';
    return HERO_TREES.includes(name) ? name : null;
  }
  return tree.currencies.find((c) => c.id === currencyId)?.kind === 'spec' ? 'Beast Mastery' : 'Hunter';
}

export async function talentTableMarkdown(): Promise<string> {
  const bundle = await loadBundle(new CsvGameDataSource({ dirs: [REAL_TABLES_DIR] }), {
    spellIds: [],
    specId: SPEC_ID,
  });
  const tree = bundle.talentTree;
  if (!tree) throw new Error(`no talent tree for spec ${SPEC_ID}`);
  const spec = DEFAULT_SPEC_REGISTRY.find('hunter', 'beast_mastery');
  if (!spec) throw new Error('Beast Mastery is not registered');
  const sources = await Promise.all(
    SPELL_TABLES.map(async (table) => ({
      table,
      real: await spellIdsIn(table, REAL_TABLES_DIR),
      fixture: await spellIdsIn(table, FIXTURES_DIR),
    })),
  );

  const rows: { tree: string; name: string; spellId: number; ranks: number; modelled: boolean }[] = [];
  for (const node of tree.nodes) {
    if (node.specIds.length > 0 && !node.specIds.includes(SPEC_ID)) continue;
    const label = treeLabel(tree, node.currencyId, node.subTreeId);
    if (label === null) continue;
    for (const entry of node.entries) {
      if (entry.spellId === 0 || entry.name === '') continue;
      if (rows.some((r) => r.spellId === entry.spellId)) continue;
      const modelled = spec.modelledTalents.has(entry.spellId);
      rows.push({ tree: label, name: entry.name, spellId: entry.spellId, ranks: entry.maxRanks, modelled });
    }
  }
  const order = ['Hunter', 'Beast Mastery', ...HERO_TREES];
  rows.sort((a, b) => order.indexOf(a.tree) - order.indexOf(b.tree) || a.name.localeCompare(b.name));

  const numbersFrom = (spellId: number, modelled: boolean): string => {
    if (!modelled) return '—';
    // The talent's own spell and the spells it needs (Howl of the Pack Leader's beasts).
    const ids = [spellId, ...(spec.talentSpells?.get(spellId) ?? [])];
    const real = sources.filter((s) => ids.some((id) => s.real.has(id))).map((s) => s.table);
    const fixture = sources
      .filter((s) => ids.some((id) => !s.real.has(id) && s.fixture.has(id)))
      .map((s) => s.table);
    const parts = [];
    if (fixture.length > 0) parts.push(`fixture: ${fixture.join(', ')}`);
    if (real.length > 0) parts.push(`real: ${real.join(', ')}`);
    return parts.join('; ') || 'no spell rows';
  };
  const modelledCount = rows.filter((r) => r.modelled).length;
  const lines = [
    `${rows.length} talents, ${modelledCount} modelled. "fixture" rows live in \`packages/gamedata/fixtures\` (labelled, authored from SimulationCraft's data); "real" rows in \`packages/gamedata/dbc\` (build 12.0.5.66529).`,
    '',
    '| tree | talent | spell | ranks | modelled | numbers from |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.tree} | ${r.name} | ${r.spellId} | ${r.ranks} | ${r.modelled ? 'yes' : 'no'} | ${numbersFrom(r.spellId, r.modelled)} |`,
    ),
  ];
  return lines.join('\n');
}

/** docs/engine.md with the table between its markers replaced by `table`. */
export function withTable(doc: string, table: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/engine.md lacks the ${START} ... ${END} markers`);
  return `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = await readFile(DOC_PATH, 'utf8');
  await writeFile(DOC_PATH, withTable(doc, await talentTableMarkdown()));
  process.stdout.write(`wrote the talent table to ${DOC_PATH}\n`);
}
