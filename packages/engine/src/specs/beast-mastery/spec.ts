// Beast Mastery as the registry sees it: identity, catalogue, spells, focus, agility, and
// how its hunter and priority list are built. The rest of this folder is the spec itself.
import { PriorityListRunner } from '../../apl/priority-list-runner.ts';
import type { Spec } from '../spec.ts';
import { bmBinder } from './bind-expressions.ts';
import {
  BM_ACTIONS,
  BM_CATALOG,
  BM_MODELLED_TALENTS,
  BM_SPEC_ID,
  BM_SPELLS,
  BM_TALENT_SPELLS,
} from './catalog.ts';
import { BM_DEFAULT_ACTIONS } from './default-actions.ts';
import { BeastMasteryHunter } from './hunter.ts';
import { FOCUS_POWER_TYPE } from './hunter-constants.ts';
import { readBmNumbers } from './numbers.ts';

/** Spells a Beast Mastery simulation cannot run without. */
const REQUIRED_SPELLS = [
  BM_SPELLS.autoShot,
  BM_SPELLS.killCommand,
  BM_SPELLS.killCommandPet,
  BM_SPELLS.barbedShot,
  BM_SPELLS.barbedShotFocus,
  BM_SPELLS.frenzy,
  BM_SPELLS.cobraShot,
  BM_SPELLS.bestialWrath,
  BM_SPELLS.bestialWrathPet,
  BM_SPELLS.killShot,
  BM_SPELLS.multiShot,
  BM_SPELLS.petClaw,
];

export const BEAST_MASTERY: Spec<BeastMasteryHunter> = {
  classToken: 'hunter',
  specToken: 'beast_mastery',
  specId: BM_SPEC_ID,
  catalog: BM_CATALOG,
  defaultActions: BM_DEFAULT_ACTIONS,
  resource: { name: 'focus', powerType: FOCUS_POWER_TYPE },
  primaryStat: 'agility',
  spellIds: [...new Set<number>(Object.values(BM_SPELLS))].sort((a, b) => a - b),
  requiredSpellIds: REQUIRED_SPELLS,
  actionSpells: BM_ACTIONS,
  modelledTalents: BM_MODELLED_TALENTS,
  talentSpells: BM_TALENT_SPELLS,
  createActor: ({ combat, book, talents, stats, gear }) =>
    new BeastMasteryHunter(combat, readBmNumbers(book, talents), stats, gear.weapon),
  bindRotation: (hunter, { actionLists, talents, expressionMode, actorOptions }) =>
    new PriorityListRunner(
      hunter,
      actionLists,
      BM_CATALOG,
      (variable) => bmBinder(hunter, talents, variable, actorOptions),
      expressionMode,
    ),
};
