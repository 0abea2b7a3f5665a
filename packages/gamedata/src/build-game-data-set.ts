import {
  buildCurves,
  buildEnchantments,
  buildItemBonusLists,
  buildItems,
  buildPowerTypes,
  buildRandPropPoints,
} from './build-items.ts';
import { buildSpecs } from './build-specs.ts';
import { SpellJoiner } from './build-spells.ts';
import { buildTalentTrees } from './build-talent-trees.ts';
import { readDbcTables } from './csv-tables.ts';
import type { GameDataSet } from './records.ts';
import type { SpellData } from './types.ts';

/** ChrClasses.ID -> SpellClassOptions.SpellClassSet (the spell family of the class). */
export const CLASS_SPELL_FAMILY: Readonly<Record<number, number>> = {
  1: 4,
  2: 10,
  3: 9,
  4: 8,
  5: 6,
  6: 15,
  7: 11,
  8: 3,
  9: 5,
  10: 53,
  11: 7,
  12: 107,
  13: 224,
};

/** Hunter (ChrClasses 3), the class the engine simulates. */
export const DEFAULT_CLASS_IDS: readonly number[] = [3];

export interface BuildOptions {
  /** Directories holding DBC CSVs; on a row present in several, the first directory wins. */
  dirs: readonly string[];
  /**
   * Classes whose specs, talent trees and spells are imported (ChrClasses ids). Defaults to
   * hunter (3), the class the engine simulates: the full spell tables would be most of the
   * import's time and all of its size for data nothing reads.
   */
  classIds?: readonly number[];
}

export interface BuiltGameData {
  set: GameDataSet;
  /** talent tree id -> spec ids using it */
  treeSpecs: Map<number, number[]>;
  files: string[];
}

/**
 * Reads the DBC tables and joins them into the engine's flat types. Spells imported: the
 * selected classes' spec spells, masteries, talent spells and learned abilities
 * (SkillLineAbility), every named spell of their spell families, and everything those trigger
 * (transitively).
 */
export async function buildGameDataSet(options: BuildOptions): Promise<BuiltGameData> {
  const tables = await readDbcTables(options.dirs);
  const classIds = new Set(options.classIds ?? DEFAULT_CLASS_IDS);
  const joiner = new SpellJoiner(tables);

  const specs = buildSpecs(tables, classIds);
  const trees = buildTalentTrees(tables, specs, (id) => (joiner.hasName(id) ? joiner.build(id).name : ''));

  const wanted: number[] = [];
  for (const spec of specs) {
    wanted.push(...spec.masterySpellIds, ...spec.specSpells.map((s) => s.spellId));
  }
  for (const { tree } of trees) {
    for (const node of tree.nodes)
      for (const entry of node.entries) wanted.push(entry.spellId, entry.overridesSpellId);
  }
  // Abilities the class learns (Auto Shot, Auto Attack, ...): SkillLineAbility.ClassMask has
  // bit (classId - 1) set for every class that learns the spell.
  const classBits = [...classIds].reduce((mask, id) => mask | (1 << (id - 1)), 0);
  for (const row of tables.SkillLineAbility.rows) {
    if (((row.ClassMask as number) & classBits) !== 0) wanted.push(row.Spell as number);
  }
  const families = new Set([...classIds].map((id) => CLASS_SPELL_FAMILY[id]).filter((f) => f !== undefined));
  for (const [spellId, row] of joiner.classOptions) {
    if (families.has(row.SpellClassSet as number) && joiner.hasName(spellId)) wanted.push(spellId);
  }

  const spells = new Map<number, SpellData>();
  while (wanted.length > 0) {
    const id = wanted.pop() as number;
    if (id <= 0 || spells.has(id) || !joiner.knows(id)) continue;
    spells.set(id, joiner.build(id));
    wanted.push(...joiner.triggeredSpells(id));
  }

  const set: GameDataSet = {
    spell: spells,
    spec: new Map(specs.map((s) => [s.id, s])),
    tree: new Map(trees.map((t) => [t.tree.id, t.tree])),
    item: new Map(buildItems(tables).map((i) => [i.id, i])),
    curve: new Map(buildCurves(tables).map((c) => [c.id, c])),
    rpp: new Map(buildRandPropPoints(tables).map((r) => [r.itemLevel, r])),
    bonus: buildItemBonusLists(tables),
    power: new Map(buildPowerTypes(tables).map((p) => [p.powerTypeEnum, p])),
    enchant: new Map(buildEnchantments(tables).map((e) => [e.id, e])),
  };
  return {
    set,
    treeSpecs: new Map(trees.map((t) => [t.tree.id, t.specIds])),
    files: Object.values(tables).flatMap((t) => t.files),
  };
}
