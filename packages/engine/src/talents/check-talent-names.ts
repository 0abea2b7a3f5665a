// `talent.X` names are the tree's, so they are checked once the game data is there: every
// talent of the tree is a known name (taken or not); anything else is refused at its line and
// column with the nearest names the tree has.
import { type Expr, visitIdentifiers } from '../apl/expression.ts';
import { classifyIdentifier, isIdentifierError, type SpecCatalog } from '../apl/identifiers.ts';
import type { ActionEntry, SourcePos } from '../profile/profile-types.ts';
import { type ProfileError, profileError } from '../profile-errors.ts';
import type { ChosenTalents } from './resolve-talents.ts';

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to three known names closest to `name`, nearest first; none when nothing is close. */
export function nearestNames(name: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return [...known]
    .map((k) => ({ k, d: k.includes(name) || name.includes(k) ? 1 : editDistance(name, k) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || (x.k < y.k ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.k);
}

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
      const near = nearestNames(ref.talent, talents.ranks.keys());
      errors.push(
        profileError(
          'SF_PROFILE_UNKNOWN_TALENT',
          pos.line,
          pos.column + offset,
          `'${ref.talent}'${near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''}`,
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
