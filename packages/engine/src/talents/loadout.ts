// A talent loadout against a real tree: which nodes are taken, with which choice and ranks, and
// whether the game would allow it (the spec sees the node, its prerequisites are taken, its gate
// is open, the points fit, one hero tree). Decoding refuses what the game would refuse and
// names the node and the reason; encoding writes the string the game writes.
import type { TalentEntry, TalentNode, TalentTree } from '@simforge/gamedata';
import {
  CURRENT_LOADOUT_VERSION,
  type LoadoutFailure,
  type LoadoutHeader,
  MAX_RECORD_CHOICE,
  MAX_RECORD_RANKS,
  type NodeRecord,
  readLoadoutRecords,
  writeLoadoutRecords,
} from './loadout-string.ts';

/** TraitNode.Type. */
export const NODE_TYPE = { single: 0, tiered: 1, choice: 2, heroSelection: 3 } as const;

export interface NodePick {
  /** Index into the node's entries: the choice of a choice or hero selection node, else 0. */
  choice: number;
  ranks: number;
  /** Given by the game for free (not bought with points). */
  granted: boolean;
}

export interface Loadout {
  specId: number;
  /** The chosen hero tree (TraitSubTree id), 0 for none. */
  heroTreeId: number;
  /** Taken nodes by node id. */
  picks: Map<number, NodePick>;
  /** The version and tree hash a decoded string carried, so it re-encodes byte for byte. */
  header?: Omit<LoadoutHeader, 'specId'>;
}

/** A reason the game would refuse a loadout; `offset` points into the string when decoded from one. */
export interface LoadoutProblem extends LoadoutFailure {
  nodeId: number;
}

export function isChoiceNode(node: TalentNode): boolean {
  return node.type === NODE_TYPE.choice || node.type === NODE_TYPE.heroSelection;
}

/** The most ranks a node can hold with this choice (a tiered node's ranks walk all its entries). */
export function nodeMaxRanks(node: TalentNode, choice = 0): number {
  if (node.type === NODE_TYPE.tiered) return node.entries.reduce((sum, e) => sum + e.maxRanks, 0);
  return node.entries[choice]?.maxRanks ?? 0;
}

export function nodeLabel(node: TalentNode, choice?: number): string {
  const entries =
    choice !== undefined && isChoiceNode(node) ? node.entries.slice(choice, choice + 1) : node.entries;
  const name = entries
    .map((e) => e.name)
    .filter((n) => n !== '')
    .join(' / ');
  return name === '' ? `talent node ${node.id}` : `${name} (node ${node.id})`;
}

/** Entries a taken node makes active, with the ranks each gets. */
export function activeEntries(node: TalentNode, pick: NodePick): { entry: TalentEntry; ranks: number }[] {
  if (node.type === NODE_TYPE.heroSelection) return [];
  if (node.type === NODE_TYPE.tiered) {
    const out: { entry: TalentEntry; ranks: number }[] = [];
    let left = pick.ranks;
    for (const entry of node.entries) {
      const ranks = Math.min(entry.maxRanks, left);
      if (ranks <= 0) break;
      out.push({ entry, ranks });
      left -= ranks;
    }
    return out;
  }
  const entry = node.entries[pick.choice];
  return entry ? [{ entry, ranks: pick.ranks }] : [];
}

/** The rules of one tree for one spec. */
class TreeRules {
  readonly byId: Map<number, TalentNode>;
  readonly selectionNode: TalentNode | undefined;

  constructor(
    readonly tree: TalentTree,
    readonly specId: number,
  ) {
    this.byId = new Map(tree.nodes.map((n) => [n.id, n]));
    this.selectionNode = tree.nodes.find((n) => n.type === NODE_TYPE.heroSelection && this.seesSpec(n));
  }

  seesSpec(node: TalentNode): boolean {
    return node.specIds.length === 0 || node.specIds.includes(this.specId);
  }

  heroTreesOffered(): number[] {
    return this.selectionNode?.entries.map((e) => e.subTreeId) ?? [];
  }

  /** Visible to the spec, and in the chosen hero tree when it is a hero node. */
  available(node: TalentNode, heroTreeId: number): boolean {
    return this.seesSpec(node) && (node.subTreeId === 0 || node.subTreeId === heroTreeId);
  }

  grants(node: TalentNode, heroTreeId: number): boolean {
    return node.grantedSpecIds.includes(this.specId) && this.available(node, heroTreeId);
  }

  subTreeName(id: number): string {
    return this.tree.subTrees.find((s) => s.id === id)?.name ?? `hero tree ${id}`;
  }
}

function currencyLabel(tree: TalentTree, currencyId: number): string {
  const currency = tree.currencies.find((c) => c.id === currencyId);
  return currency ? `${currency.kind} talent points` : `points of currency ${currencyId}`;
}

/** Every reason the game would refuse this loadout, in node order; empty when it is legal. */
export function checkLoadout(
  tree: TalentTree,
  loadout: Loadout,
  offsets?: ReadonlyMap<number, number>,
): LoadoutProblem[] {
  const rules = new TreeRules(tree, loadout.specId);
  const problems: LoadoutProblem[] = [];
  const at = (nodeId: number) => offsets?.get(nodeId) ?? 0;
  const problem = (node: TalentNode, message: string, choice?: number) =>
    problems.push({ nodeId: node.id, offset: at(node.id), message: `${nodeLabel(node, choice)} ${message}` });
  const hero = loadout.heroTreeId;

  const offered = rules.heroTreesOffered();
  if (hero !== 0 && !offered.includes(hero)) {
    problems.push({
      nodeId: rules.selectionNode?.id ?? 0,
      offset: rules.selectionNode ? at(rules.selectionNode.id) : 0,
      message: `the ${rules.subTreeName(hero)} hero tree is not offered to this specialization`,
    });
  }

  const spent = new Map<number, number>();
  for (const node of tree.nodes) {
    const pick = loadout.picks.get(node.id);
    if (!pick) continue;
    if (!rules.seesSpec(node)) {
      problem(node, "belongs to another specialization's tree");
      continue;
    }
    if (node.subTreeId !== 0 && node.subTreeId !== hero) {
      problem(
        node,
        hero === 0
          ? `is a ${rules.subTreeName(node.subTreeId)} hero talent, but no hero tree is chosen`
          : `is a ${rules.subTreeName(node.subTreeId)} hero talent, but the loadout chose ${rules.subTreeName(hero)}: one hero tree at a time`,
      );
      continue;
    }
    if (pick.choice < 0 || pick.choice >= node.entries.length || (!isChoiceNode(node) && pick.choice !== 0)) {
      problem(node, `has no choice ${pick.choice + 1}; the string was exported for another patch`);
      continue;
    }
    const max = nodeMaxRanks(node, pick.choice);
    if (pick.granted) {
      if (!rules.grants(node, hero))
        problem(node, 'is marked free, but the game does not grant it to this specialization', pick.choice);
      continue;
    }
    if (pick.ranks < 1 || pick.ranks > max) {
      problem(node, `has ${pick.ranks} ranks; it takes 1 to ${max}`, pick.choice);
      continue;
    }
    if (node.currencyId !== 0) spent.set(node.currencyId, (spent.get(node.currencyId) ?? 0) + pick.ranks);
  }
  if (problems.length > 0) return problems;

  const full = (node: TalentNode): boolean => {
    const pick = loadout.picks.get(node.id);
    return pick !== undefined && (pick.granted || pick.ranks >= nodeMaxRanks(node, pick.choice));
  };
  for (const node of tree.nodes) {
    const pick = loadout.picks.get(node.id);
    if (!pick || pick.granted) continue;
    const parents = node.parents
      .map((id) => rules.byId.get(id))
      .filter((p): p is TalentNode => p !== undefined && rules.available(p, hero));
    if (parents.length > 0 && !parents.some(full)) {
      problem(
        node,
        `needs ${parents.length === 1 ? '' : 'one of '}${parents.map((p) => nodeLabel(p)).join(', ')} fully ranked first`,
        pick.choice,
      );
    }
    if (node.requiredSpent > 0) {
      let before = 0;
      for (const other of tree.nodes) {
        const o = loadout.picks.get(other.id);
        if (
          o &&
          !o.granted &&
          other.currencyId === node.currencyId &&
          other.requiredSpent < node.requiredSpent
        ) {
          before += o.ranks;
        }
      }
      if (before < node.requiredSpent) {
        problem(
          node,
          `is behind a gate: it needs ${node.requiredSpent} ${currencyLabel(tree, node.currencyId)} spent above it, the loadout spends ${before} there`,
          pick.choice,
        );
      }
    }
  }
  for (const currency of tree.currencies) {
    const used = spent.get(currency.id) ?? 0;
    if (currency.maxPoints > 0 && used > currency.maxPoints) {
      problems.push({
        nodeId: 0,
        offset: 0,
        message: `the loadout spends ${used} ${currencyLabel(tree, currency.id)}; a level-90 character has ${currency.maxPoints}`,
      });
    }
  }
  return problems;
}

/** Adds the nodes the game grants this spec (with this hero tree) for free. */
function withGrantedNodes(rules: TreeRules, loadout: Loadout): Loadout {
  const picks = new Map(loadout.picks);
  for (const node of rules.tree.nodes) {
    if (!picks.has(node.id) && rules.grants(node, loadout.heroTreeId)) {
      picks.set(node.id, { choice: 0, ranks: nodeMaxRanks(node), granted: true });
    }
  }
  return { ...loadout, picks };
}

function pickFromRecord(node: TalentNode, record: NodeRecord): NodePick {
  const choice = record.choice ?? 0;
  return {
    choice,
    ranks: record.granted ? nodeMaxRanks(node, choice) : (record.ranks ?? nodeMaxRanks(node, choice)),
    granted: record.granted,
  };
}

/**
 * Decodes a loadout string against a tree and checks it as the game would. Failures carry the
 * offset of the offending node's record in the string.
 */
export function decodeLoadout(text: string, tree: TalentTree): Loadout | LoadoutFailure[] {
  const read = readLoadoutRecords(
    text,
    tree.nodes.map((n) => n.id),
  );
  if ('offset' in read) return [read];
  const { header, records } = read;
  const rules = new TreeRules(tree, header.specId);
  const picks = new Map<number, NodePick>();
  const offsets = new Map<number, number>();
  for (const record of records) {
    const node = rules.byId.get(record.nodeId)!;
    picks.set(record.nodeId, pickFromRecord(node, record));
    offsets.set(record.nodeId, record.offset);
  }
  const selection = rules.selectionNode ? picks.get(rules.selectionNode.id) : undefined;
  const heroTreeId = selection ? (rules.selectionNode!.entries[selection.choice]?.subTreeId ?? 0) : 0;
  // Version 1 strings cannot say a node was free: the game's grants say it.
  if (header.version < 2) {
    for (const [id, pick] of picks) {
      const node = rules.byId.get(id)!;
      if (rules.grants(node, heroTreeId)) picks.set(id, { ...pick, granted: true });
    }
  }
  const loadout = withGrantedNodes(rules, {
    specId: header.specId,
    heroTreeId,
    picks,
    header: { version: header.version, treeHash: header.treeHash },
  });
  const problems = checkLoadout(tree, loadout, offsets);
  return problems.length > 0 ? problems : loadout;
}

/** The string the game writes for this loadout (granted nodes included, as the game does). */
export function encodeLoadout(tree: TalentTree, loadout: Loadout): string {
  const rules = new TreeRules(tree, loadout.specId);
  const full = withGrantedNodes(rules, loadout);
  const records = new Map<number, Omit<NodeRecord, 'nodeId' | 'offset'>>();
  for (const node of tree.nodes) {
    const pick = full.picks.get(node.id);
    if (!pick) continue;
    const max = nodeMaxRanks(node, pick.choice);
    records.set(node.id, {
      granted: pick.granted,
      ranks: pick.ranks === max ? null : Math.min(pick.ranks, MAX_RECORD_RANKS),
      choice: isChoiceNode(node) ? Math.min(pick.choice, MAX_RECORD_CHOICE) : null,
    });
  }
  return writeLoadoutRecords(
    {
      version: loadout.header?.version ?? CURRENT_LOADOUT_VERSION,
      specId: loadout.specId,
      treeHash: loadout.header?.treeHash ?? [],
    },
    tree.nodes.map((n) => n.id),
    records,
  );
}

/** The game's own starter build for a spec (no hero tree), or undefined when the data has none. */
export function starterLoadout(tree: TalentTree, specId: number): Loadout | undefined {
  const build = tree.starterBuilds.find((b) => b.specId === specId);
  if (!build) return undefined;
  const rules = new TreeRules(tree, specId);
  // A purchase records the node's rank after it: an entry's rank is its last purchase's, and a
  // tiered node's ranks add up over its entries.
  const entryRanks = new Map<number, Map<number, number>>();
  for (const p of build.picks) {
    const byEntry = entryRanks.get(p.nodeId) ?? new Map<number, number>();
    byEntry.set(p.entryId, Math.max(byEntry.get(p.entryId) ?? 0, p.ranks));
    entryRanks.set(p.nodeId, byEntry);
  }
  const picks = new Map<number, NodePick>();
  for (const [nodeId, byEntry] of entryRanks) {
    const node = rules.byId.get(nodeId);
    if (!node) continue;
    if (node.type === NODE_TYPE.tiered) {
      picks.set(nodeId, {
        choice: 0,
        ranks: [...byEntry.values()].reduce((a, b) => a + b, 0),
        granted: false,
      });
      continue;
    }
    const [entryId, ranks] = [...byEntry][0]!;
    const choice =
      entryId === 0
        ? 0
        : Math.max(
            0,
            node.entries.findIndex((e) => e.id === entryId),
          );
    picks.set(nodeId, { choice, ranks, granted: false });
  }
  return withGrantedNodes(rules, { specId, heroTreeId: 0, picks });
}

/**
 * The loadout with a hero tree chosen and every node of it taken (the first option of each
 * choice), as far as the hero points reach, in the tree's order from its root.
 */
export function withHeroTree(tree: TalentTree, loadout: Loadout, heroTreeId: number): Loadout {
  const rules = new TreeRules(tree, loadout.specId);
  const selection = rules.selectionNode;
  const choice = selection?.entries.findIndex((e) => e.subTreeId === heroTreeId) ?? -1;
  if (!selection || choice < 0) return loadout;
  const picks = new Map([...loadout.picks].filter(([id]) => rules.byId.get(id)?.subTreeId === 0));
  picks.set(selection.id, { choice, ranks: 1, granted: false });
  const base = withGrantedNodes(rules, { ...loadout, heroTreeId, picks });
  const heroNodes = tree.nodes
    .filter((n) => n.subTreeId === heroTreeId && rules.available(n, heroTreeId) && !base.picks.has(n.id))
    .sort((a, b) => a.posY - b.posY || a.posX - b.posX);
  const currency = heroNodes[0]?.currencyId ?? 0;
  let points = tree.currencies.find((c) => c.id === currency)?.maxPoints ?? heroNodes.length;
  for (const node of heroNodes) {
    const ranks = nodeMaxRanks(node, 0);
    if (ranks > points) break;
    base.picks.set(node.id, { choice: 0, ranks, granted: false });
    points -= ranks;
  }
  return base;
}
