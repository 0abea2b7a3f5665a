// `talent.X` names are the tree's, so they are checked once the game data is there: every
// talent of the tree is a known name (taken or not); anything else is refused at its line and
// column with the nearest names the tree has.
import { type Expr, visitIdentifiers } from '../apl/expression.ts';
import { classifyIdentifier, isIdentifierError, type SpecCatalog } from '../apl/identifiers.ts';
import { didYouMean } from '../profile/nearest-names.ts';
import type { ActionEntry, SourcePos } from '../profile/profile-types.ts';
import { type ProfileError, profileError } from '../profile-errors.ts';
import type { ChosenTalents } from './resolve-talents.ts';

export function checkTalentNames(
  actionLists: Record<string, ActionEntry[]>,
  catalog: SpecCatalog,
  talents: ChosenTalents,
  errors: ProfileError[],
): void {
  const check = (expr: Expr, pos: SourcePos) =>
    visitIdentifiers(expr, (name, offset) => {
      const ref = classifyIdentifier(name, catalog);
      if (isIdentifierError(ref) || ref.kind !== 'talent' || talents.ranks.has(ref.talent)) return;

      errors.push(
        profileError(
          'SF_PROFILE_UNKNOWN_TALENT',
          pos.line,
          pos.column + offset,
          didYouMean(ref.talent, talents.ranks.keys()),
        ),
      );
    });
  for (const list of Object.values(actionLists)) {
    for (const entry of list) {
      if (entry.condition) check(entry.condition.expr, entry.condition.pos);
      const v = entry.variable;
      for (const part of v ? [v.value, v.condition, v.valueElse] : []) if (part) check(part.expr, part.pos);
    }
  }
}
