// Decodes the profile's `talents=` string against the talent tree in the game data and
// returns the spell ids of the chosen talents. Refusals keep the line and column of the
// `talents=` value.
import type { GameDataBundle, TalentTree } from '@simforge/gamedata';
import type { Profile } from '../profile/profile-types.ts';
import { type ProfileError, profileError } from '../profile-errors.ts';
import { decodeLoadout, type LoadoutTree } from './loadout-string.ts';

/** TraitNode.Type 2 is a choice node. */
const CHOICE_NODE_TYPE = 2;

export function loadoutTreeOf(tree: TalentTree): LoadoutTree {
  const nodes = [...tree.nodes].sort((a, b) => a.id - b.id);
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      isChoice: n.type === CHOICE_NODE_TYPE,
      entries: n.entries.map((e) => ({ id: e.id, spellId: e.spellId, maxRanks: e.maxRanks })),
    })),
  };
}

export function resolveTalents(profile: Profile, data: GameDataBundle, errors: ProfileError[]): Set<number> {
  const chosen = new Set<number>();
  if (!profile.talents) return chosen;
  const { line, column } = profile.talents.pos;
  if (!data.talentTree) {
    errors.push(
      profileError(
        'SF_PROFILE_TALENTS_TREE_MISMATCH',
        line,
        column,
        `the game data (patch ${data.patch}) has no talent tree for this spec`,
      ),
    );
    return chosen;
  }
  const decoded = decodeLoadout(profile.talents.loadout, loadoutTreeOf(data.talentTree));
  if ('offset' in decoded) {
    errors.push(
      profileError(
        'SF_PROFILE_TALENTS_TREE_MISMATCH',
        line,
        column + Math.min(decoded.offset, profile.talents.loadout.length),
        decoded.message,
      ),
    );
    return chosen;
  }
  for (const s of decoded) if (s.spellId !== 0 && s.ranks > 0) chosen.add(s.spellId);
  return chosen;
}
