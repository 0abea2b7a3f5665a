import type { DbcRow, DbcTable } from './csv-tables.ts';
import type { TableName } from './dbc-layouts.ts';
import type { SpecData, SpecRole, TalentEntry, TalentNode, TalentTree } from './types.ts';

type Tables = Record<TableName, DbcTable>;

const ROLES: Record<number, SpecRole> = { 0: 'tank', 1: 'healer', 2: 'damage' };

/** Class specializations (ChrSpecialization.ClassID > 0; pet specs have no class). */
export function buildSpecs(tables: Tables, classIds: ReadonlySet<number>): SpecData[] {
  const classes = new Map(tables.ChrClasses.rows.map((row) => [row.ID as number, row]));
  const treeBySpec = new Map(
    tables.TraitTreeLoadout.rows.map((row) => [row.ChrSpecializationID as number, row]),
  );
  const spellsBySpec = new Map<number, DbcRow[]>();
  for (const row of tables.SpecializationSpells.rows) {
    const list = spellsBySpec.get(row.SpecID as number) ?? [];
    list.push(row);
    spellsBySpec.set(row.SpecID as number, list);
  }
  const specs: SpecData[] = [];
  for (const row of tables.ChrSpecialization.rows) {
    const classId = row.ClassID as number;
    if (!classIds.has(classId)) continue;
    const cls = classes.get(classId);
    specs.push({
      id: row.ID as number,
      classId,
      className: (cls?.Name_lang as string | undefined) ?? '',
      classToken: (cls?.Filename as string | undefined) ?? '',
      name: row.Name_lang as string,
      role: ROLES[row.Role as number] ?? 'damage',
      primaryStatPriority: row.PrimaryStatPriority as number,
      masterySpellIds: [row.MasterySpellID_0 as number, row.MasterySpellID_1 as number].filter(
        (id) => id > 0,
      ),
      specSpells: (spellsBySpec.get(row.ID as number) ?? [])
        .map((s) => ({
          spellId: s.SpellID as number,
          overridesSpellId: s.OverridesSpellID as number,
          displayOrder: s.DisplayOrder as number,
        }))
        .sort((a, b) => a.displayOrder - b.displayOrder || a.spellId - b.spellId),
      talentTreeId: (treeBySpec.get(row.ID as number)?.TraitTreeID as number | undefined) ?? 0,
    });
  }
  return specs;
}

/**
 * The talent trees the given specs use. Nodes come sorted by id because a loadout string
 * holds one record per node in that order; a node's entries come in TraitNodeXTraitNodeEntry
 * `_Index` order because a choice node's recorded index selects among them.
 */
export function buildTalentTrees(
  tables: Tables,
  specs: readonly SpecData[],
  spellName: (spellId: number) => string,
): { tree: TalentTree; specIds: number[] }[] {
  const specIdsByTree = new Map<number, { classId: number; specIds: number[] }>();
  for (const spec of specs) {
    if (spec.talentTreeId === 0) continue;
    const entry = specIdsByTree.get(spec.talentTreeId) ?? { classId: spec.classId, specIds: [] };
    entry.specIds.push(spec.id);
    specIdsByTree.set(spec.talentTreeId, entry);
  }
  const entries = new Map(tables.TraitNodeEntry.rows.map((row) => [row.ID as number, row]));
  const definitions = new Map(tables.TraitDefinition.rows.map((row) => [row.ID as number, row]));
  const linksByNode = new Map<number, DbcRow[]>();
  for (const row of tables.TraitNodeXTraitNodeEntry.rows) {
    const list = linksByNode.get(row.TraitNodeID as number) ?? [];
    list.push(row);
    linksByNode.set(row.TraitNodeID as number, list);
  }
  const nodesByTree = new Map<number, DbcRow[]>();
  for (const row of tables.TraitNode.rows) {
    const treeId = row.TraitTreeID as number;
    if (!specIdsByTree.has(treeId)) continue;
    const list = nodesByTree.get(treeId) ?? [];
    list.push(row);
    nodesByTree.set(treeId, list);
  }

  const trees: { tree: TalentTree; specIds: number[] }[] = [];
  for (const [treeId, { classId, specIds }] of specIdsByTree) {
    const nodes: TalentNode[] = (nodesByTree.get(treeId) ?? [])
      .map((row) => ({
        id: row.ID as number,
        posX: row.PosX as number,
        posY: row.PosY as number,
        type: row.Type as number,
        flags: row.Flags as number,
        subTreeId: row.TraitSubTreeID as number,
        entries: (linksByNode.get(row.ID as number) ?? [])
          .slice()
          .sort((a, b) => (a._Index as number) - (b._Index as number) || (a.ID as number) - (b.ID as number))
          .flatMap((link): TalentEntry[] => {
            const entry = entries.get(link.TraitNodeEntryID as number);
            if (!entry) return [];
            const definition = definitions.get(entry.TraitDefinitionID as number);
            const spellId = (definition?.SpellID as number | undefined) ?? 0;
            const overrideName = (definition?.OverrideName_lang as string | undefined) ?? '';
            return [
              {
                id: entry.ID as number,
                definitionId: entry.TraitDefinitionID as number,
                maxRanks: entry.MaxRanks as number,
                entryType: entry.NodeEntryType as number,
                subTreeId: entry.TraitSubTreeID as number,
                spellId,
                overridesSpellId: (definition?.OverridesSpellID as number | undefined) ?? 0,
                visibleSpellId: (definition?.VisibleSpellID as number | undefined) ?? 0,
                name: overrideName || (spellId > 0 ? spellName(spellId) : ''),
              },
            ];
          }),
      }))
      .sort((a, b) => a.id - b.id);
    trees.push({ tree: { id: treeId, classId, nodes }, specIds: specIds.sort((a, b) => a - b) });
  }
  return trees;
}
