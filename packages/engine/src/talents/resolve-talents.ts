// Decodes the profile's `talents=` string against the talent tree in the game data and says
// what it chose: the active talent spells, the hero tree, and for every talent of the tree its
// SimulationCraft token (`talent.killer_cobra`) and rank. Refusals keep the line and column of
// the `talents=` value and name the node and the reason.
import type { JobTalents } from '@simforge/common';
import type { GameDataBundle, TalentTree } from '@simforge/gamedata';
import type { Profile } from '../profile/profile-types.ts';
import { type ProfileError, profileError } from '../profile-errors.ts';
import { activeEntries, decodeLoadout, type Loadout, NODE_TYPE } from './loadout.ts';

/** SimulationCraft's token for a talent name: "Can't Miss, Won't Miss" -> `cant_miss_wont_miss`. */
export function talentToken(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface ChosenTalent {
  nodeId: number;
  spellId: number;
  name: string;
  token: string;
  ranks: number;
  maxRanks: number;
  /** Class, spec or hero talent. */
  kind: 'class' | 'spec' | 'hero';
  /** Given by the game for free. */
  granted: boolean;
}

export interface ChosenTalents {
  /** Spell ids of the active talents (the spell book folds their passives in). */
  spellIds: ReadonlySet<number>;
  heroTree: { id: number; name: string } | null;
  /** The active talents in tree order. */
  list: readonly ChosenTalent[];
  /** Token -> rank taken, 0 for a talent of the tree the loadout does not take; every talent of the tree is here. */
  ranks: ReadonlyMap<string, number>;
  /** Ranks taken in the spec's apex talent (its one tiered node, whose ranks walk through its entries): `apex.N`. */
  apexRanks: number;
}

export const NO_TALENTS: ChosenTalents = {
  spellIds: new Set(),
  heroTree: null,
  list: [],
  ranks: new Map(),
  apexRanks: 0,
};

function kindOf(tree: TalentTree, currencyId: number, subTreeId: number): ChosenTalent['kind'] {
  if (subTreeId !== 0) return 'hero';
  return tree.currencies.find((c) => c.id === currencyId)?.kind === 'spec' ? 'spec' : 'class';
}

/** Every talent token of the tree, each at rank 0. */
function allTokens(tree: TalentTree): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const node of tree.nodes) {
    for (const entry of node.entries) {
      if (entry.spellId === 0 || entry.name === '') continue;
      ranks.set(talentToken(entry.name), 0);
    }
  }
  return ranks;
}

export function chosenTalents(tree: TalentTree, loadout: Loadout): ChosenTalents {
  const ranks = allTokens(tree);
  const list: ChosenTalent[] = [];
  let apexRanks = 0;
  for (const node of tree.nodes) {
    const pick = loadout.picks.get(node.id);
    if (!pick) continue;
    if (node.type === NODE_TYPE.tiered) apexRanks += pick.ranks;
    for (const { entry, ranks: r } of activeEntries(node, pick)) {
      if (entry.spellId === 0) continue;
      const token = talentToken(entry.name);
      list.push({
        nodeId: node.id,
        spellId: entry.spellId,
        name: entry.name,
        token,
        ranks: r,
        maxRanks: entry.maxRanks,
        kind: kindOf(tree, node.currencyId, node.subTreeId),
        granted: pick.granted,
      });
      if (token !== '') ranks.set(token, Math.max(ranks.get(token) ?? 0, r));
    }
  }
  const hero = tree.subTrees.find((s) => s.id === loadout.heroTreeId);
  return {
    spellIds: new Set(list.map((t) => t.spellId)),
    heroTree: hero ? { id: hero.id, name: hero.name } : null,
    list,
    ranks,
    apexRanks,
  };
}

export function resolveTalents(
  profile: Profile,
  data: GameDataBundle,
  errors: ProfileError[],
): ChosenTalents {
  const tree = data.talentTree;
  if (!profile.talents) return tree ? { ...NO_TALENTS, ranks: allTokens(tree) } : NO_TALENTS;
  const { line, column } = profile.talents.pos;
  if (!tree) {
    errors.push(
      profileError(
        'SF_PROFILE_TALENTS_TREE_MISMATCH',
        line,
        column,
        `the game data (patch ${data.patch}) has no talent tree for this spec`,
      ),
    );
    return NO_TALENTS;
  }
  const decoded = decodeLoadout(profile.talents.loadout, tree);
  if (Array.isArray(decoded)) {
    for (const failure of decoded) {
      errors.push(
        profileError(
          // Node problems are the game's rules; the rest is a string for another tree or patch.
          'nodeId' in failure ? 'SF_PROFILE_TALENTS_NOT_ALLOWED' : 'SF_PROFILE_TALENTS_TREE_MISMATCH',
          line,
          column + Math.min(failure.offset, profile.talents.loadout.length),
          failure.message,
        ),
      );
    }
    return NO_TALENTS;
  }
  return chosenTalents(tree, decoded);
}

/** What a profile's talents are, for reports and the job's result: the hero tree and each chosen talent, marked modelled or not. */
export function talentReport(talents: ChosenTalents, modelled: ReadonlySet<number>): JobTalents {
  return {
    heroTree: talents.heroTree?.name ?? null,
    talents: talents.list.map((t) => ({
      name: t.name,
      token: t.token,
      ranks: t.ranks,
      tree: t.kind,
      modelled: modelled.has(t.spellId),
    })),
  };
}
