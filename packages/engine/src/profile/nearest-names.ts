// "Did you mean": the known names nearest an unknown one, for every refusal of a name (actions,
// buffs, dots, lists, variables, talents, options, races), so a typo is fixed at a glance.

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

/** Sets larger than this (a profile's own thousands of variables, say) get no suggestions. */
const MAX_KNOWN = 300;

/**
 * Suggestions left for the current check: only the errors a player is shown get them, so a
 * text of thousands of unknown names costs no more than a hundred searches. Checks run
 * synchronously, so one counter per check (withSuggestionBudget) is exact.
 */
let budget = Number.POSITIVE_INFINITY;

export function withSuggestionBudget<T>(suggestions: number, check: () => T): T {
  const saved = budget;
  budget = suggestions;
  try {
    return check();
  } finally {
    budget = saved;
  }
}

/** `'name'`, then `; did you mean 'a', 'b'?` when something known is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  if (budget <= 0) return `'${name}'`;
  budget--;
  const names = [...known];
  const near = names.length > MAX_KNOWN ? [] : nearestNames(name, names);
  return `'${name}'${near.length > 0 ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''}`;
}
