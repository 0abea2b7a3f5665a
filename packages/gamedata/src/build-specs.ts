import type { DbcRow, DbcTable } from './csv-tables.ts';
import type { TableName } from './dbc-layouts.ts';
import type { SpecData, SpecRole } from './types.ts';

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
