// Joins the trait tables into the talent trees the engine decodes and checks loadouts against.
// The game keeps a node's rules in several places: the node itself, the groups it belongs to
// (TraitNodeGroupXTraitNode), and the conditions and costs attached to either. This folds them
// into plain fields per node, so a loadout check reads one record and no DBC vocabulary.
import type { DbcRow, DbcTable } from './csv-tables.ts';
import type { TableName } from './dbc-layouts.ts';
import type {
  SpecData,
  StarterBuild,
  TalentCurrency,
  TalentEntry,
  TalentNode,
  TalentSubTree,
  TalentTree,
} from './types.ts';

type Tables = Record<TableName, DbcTable>;

/** TraitCond.CondType values the loadout rules use; the others (display errors, ranks by level) do not bind a max-level loadout. */
const COND = { available: 0, visible: 1, granted: 2 } as const;

function groupBy(rows: readonly DbcRow[], column: string): Map<number, DbcRow[]> {
  const map = new Map<number, DbcRow[]>();
  for (const row of rows) {
    const key = row[column] as number;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

function byId(table: DbcTable): Map<number, DbcRow> {
  return new Map(table.rows.map((row) => [row.ID as number, row]));
}

/** The rules that reach one node: its own conditions and costs and its groups'. */
interface NodeRules {
  conds: DbcRow[];
  costs: DbcRow[];
}

class TraitRules {
  private readonly conds: Map<number, DbcRow>;
  private readonly costs: Map<number, DbcRow>;
  private readonly groupsOfNode: Map<number, DbcRow[]>;
  private readonly condsOfGroup: Map<number, DbcRow[]>;
  private readonly costsOfGroup: Map<number, DbcRow[]>;
  private readonly condsOfNode: Map<number, DbcRow[]>;
  private readonly costsOfNode: Map<number, DbcRow[]>;
  private readonly specsOfSet: Map<number, number[]>;

  constructor(tables: Tables) {
    this.conds = byId(tables.TraitCond);
    this.costs = byId(tables.TraitCost);
    this.groupsOfNode = groupBy(tables.TraitNodeGroupXTraitNode.rows, 'TraitNodeID');
    this.condsOfGroup = groupBy(tables.TraitNodeGroupXTraitCond.rows, 'TraitNodeGroupID');
    this.costsOfGroup = groupBy(tables.TraitNodeGroupXTraitCost.rows, 'TraitNodeGroupID');
    this.condsOfNode = groupBy(tables.TraitNodeXTraitCond.rows, 'TraitNodeID');
    this.costsOfNode = groupBy(tables.TraitNodeXTraitCost.rows, 'TraitNodeID');
    this.specsOfSet = new Map();
    for (const [set, rows] of groupBy(tables.SpecSetMember.rows, 'SpecSet')) {
      this.specsOfSet.set(
        set,
        rows.map((r) => r.ChrSpecializationID as number),
      );
    }
  }

  of(nodeId: number): NodeRules {
    const condLinks = [...(this.condsOfNode.get(nodeId) ?? [])];
    const costLinks = [...(this.costsOfNode.get(nodeId) ?? [])];
    for (const link of this.groupsOfNode.get(nodeId) ?? []) {
      const group = link.TraitNodeGroupID as number;
      condLinks.push(...(this.condsOfGroup.get(group) ?? []));
      costLinks.push(...(this.costsOfGroup.get(group) ?? []));
    }
    const present = (row: DbcRow | undefined): row is DbcRow => row !== undefined;
    const conds = condLinks.map((l) => this.conds.get(l.TraitCondID as number)).filter(present);
    const costs = costLinks.map((l) => this.costs.get(l.TraitCostID as number)).filter(present);
    return { conds, costs };
  }

  /** A spec set's specs among the tree's; SpecSetID 0 means every spec of the tree. */
  specsOf(specSetId: number, treeSpecs: readonly number[]): number[] {
    if (specSetId === 0) return [...treeSpecs];
    return (this.specsOfSet.get(specSetId) ?? []).filter((id) => treeSpecs.includes(id));
  }
}

function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function nodeFrom(
  row: DbcRow,
  entries: TalentEntry[],
  rules: NodeRules,
  parents: number[],
  specsOf: (specSetId: number) => number[],
): TalentNode {
  // A node is visible to the specs any of its visibility conditions names (a hero node shared
  // by two specs sits in one group per spec); no such condition means every spec sees it.
  const visible = rules.conds.filter((c) => c.CondType === COND.visible && (c.SpecSetID as number) > 0);
  const granted = rules.conds.filter((c) => c.CondType === COND.granted && (c.GrantedRanks as number) > 0);
  const gates = rules.conds.filter(
    (c) => c.CondType === COND.available && (c.SpentAmountRequired as number) > 0,
  );
  return {
    id: row.ID as number,
    posX: row.PosX as number,
    posY: row.PosY as number,
    type: row.Type as number,
    flags: row.Flags as number,
    subTreeId: row.TraitSubTreeID as number,
    entries,
    specIds: sortedUnique(visible.flatMap((c) => specsOf(c.SpecSetID as number))),
    grantedSpecIds: sortedUnique(granted.flatMap((c) => specsOf(c.SpecSetID as number))),
    parents,
    currencyId: (rules.costs[0]?.TraitCurrencyID as number | undefined) ?? 0,
    requiredSpent: Math.max(0, ...gates.map((c) => c.SpentAmountRequired as number)),
  };
}

function currenciesOf(nodes: readonly TalentNode[], maxPoints: Map<number, number>): TalentCurrency[] {
  // What a currency buys names it: hero nodes make hero points; class points buy nodes every
  // spec sees (a few class nodes are one spec's), spec points only nodes of one spec.
  const rank = { spec: 0, class: 1, hero: 2 } as const;
  const kinds = new Map<number, TalentCurrency['kind']>();
  for (const node of nodes) {
    if (node.currencyId === 0) continue;
    const kind = node.subTreeId > 0 ? 'hero' : node.specIds.length > 0 ? 'spec' : 'class';
    const seen = kinds.get(node.currencyId);
    if (seen === undefined || rank[kind] > rank[seen]) kinds.set(node.currencyId, kind);
  }
  return [...kinds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, kind]) => ({ id, kind, maxPoints: maxPoints.get(id) ?? 0 }));
}

function starterBuildsOf(tables: Tables, treeId: number): StarterBuild[] {
  const entriesOf = groupBy(tables.TraitTreeLoadoutEntry.rows, 'TraitTreeLoadoutID');
  return tables.TraitTreeLoadout.rows
    .filter((row) => row.TraitTreeID === treeId)
    .map((row) => ({
      specId: row.ChrSpecializationID as number,
      picks: (entriesOf.get(row.ID as number) ?? [])
        .slice()
        .sort((a, b) => (a.OrderIndex as number) - (b.OrderIndex as number))
        .map((e) => ({
          nodeId: e.SelectedTraitNodeID as number,
          entryId: e.SelectedTraitNodeEntryID as number,
          ranks: e.NumPoints as number,
        })),
    }))
    .sort((a, b) => a.specId - b.specId);
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
  const entries = byId(tables.TraitNodeEntry);
  const definitions = byId(tables.TraitDefinition);
  const linksByNode = groupBy(tables.TraitNodeXTraitNodeEntry.rows, 'TraitNodeID');
  const nodesByTree = groupBy(
    tables.TraitNode.rows.filter((row) => specIdsByTree.has(row.TraitTreeID as number)),
    'TraitTreeID',
  );
  const parentsOf = groupBy(tables.TraitEdge.rows, 'RightTraitNodeID');
  const subTreesOf = groupBy(tables.TraitSubTree.rows, 'TraitTreeID');
  const maxPoints = new Map<number, number>();
  for (const row of tables.TraitCurrencySource.rows) {
    const id = row.TraitCurrencyID as number;
    maxPoints.set(id, (maxPoints.get(id) ?? 0) + (row.Amount as number));
  }
  const rules = new TraitRules(tables);

  const subTreeName = new Map(tables.TraitSubTree.rows.map((r) => [r.ID as number, r.Name_lang as string]));
  const entriesOf = (nodeId: number): TalentEntry[] =>
    (linksByNode.get(nodeId) ?? [])
      .slice()
      .sort((a, b) => (a._Index as number) - (b._Index as number) || (a.ID as number) - (b.ID as number))
      .flatMap((link): TalentEntry[] => {
        const entry = entries.get(link.TraitNodeEntryID as number);
        if (!entry) return [];
        const definition = definitions.get(entry.TraitDefinitionID as number);
        const spellId = (definition?.SpellID as number | undefined) ?? 0;
        const overrideName = (definition?.OverrideName_lang as string | undefined) ?? '';
        const subTreeId = entry.TraitSubTreeID as number;
        return [
          {
            id: entry.ID as number,
            definitionId: entry.TraitDefinitionID as number,
            maxRanks: entry.MaxRanks as number,
            entryType: entry.NodeEntryType as number,
            subTreeId,
            spellId,
            overridesSpellId: (definition?.OverridesSpellID as number | undefined) ?? 0,
            visibleSpellId: (definition?.VisibleSpellID as number | undefined) ?? 0,
            name:
              overrideName ||
              (spellId > 0 ? spellName(spellId) : '') ||
              (definition ? '' : (subTreeName.get(subTreeId) ?? '')),
          },
        ];
      });

  const trees: { tree: TalentTree; specIds: number[] }[] = [];
  for (const [treeId, { classId, specIds }] of specIdsByTree) {
    const treeSpecs = specIds.sort((a, b) => a - b);
    const rows = nodesByTree.get(treeId) ?? [];
    const inTree = new Set(rows.map((r) => r.ID as number));
    const nodes = rows
      .map((row) => {
        const id = row.ID as number;
        const parents = sortedUnique(
          (parentsOf.get(id) ?? []).map((e) => e.LeftTraitNodeID as number).filter((p) => inTree.has(p)),
        );
        return nodeFrom(row, entriesOf(id), rules.of(id), parents, (set) => rules.specsOf(set, treeSpecs));
      })
      .sort((a, b) => a.id - b.id);
    const subTrees: TalentSubTree[] = (subTreesOf.get(treeId) ?? [])
      .map((r) => ({
        id: r.ID as number,
        name: r.Name_lang as string,
        description: r.Description_lang as string,
      }))
      .sort((a, b) => a.id - b.id);
    trees.push({
      tree: {
        id: treeId,
        classId,
        nodes,
        subTrees,
        currencies: currenciesOf(nodes, maxPoints),
        starterBuilds: starterBuildsOf(tables, treeId),
      },
      specIds: treeSpecs,
    });
  }
  return trees;
}
