// What each variant of a profileset changes against its base, as the player wrote it: the
// option lines of the variant (after a `profileset."NAME"=` started it over) beside the base's
// value for the same option. A report shows the winner's changes; stat weights are read from
// variants that each raise one stat line.
import { type ProfilesetLine, splitProfileText } from './profile-lines.ts';
import { MAX_PROFILESETS } from './profilesets.ts';

export interface ProfilesetChange {
  key: string;
  /** `key+=value`: added to the base's list (an action line), so there is no base value. */
  append: boolean;
  /** The base's value for the key (its last `key=` line), or null when the base has none. */
  base: string | null;
  variant: string;
}

export interface ProfilesetChanges {
  name: string;
  changes: ProfilesetChange[];
}

/** In the order the text first names the variants; empty for one profile or an unreadable text. */
export function profilesetChanges(text: string): ProfilesetChanges[] {
  const setLines: ProfilesetLine[] = [];
  const split = splitProfileText(text, setLines);
  if (!split.ok) return [];
  const baseValues = new Map<string, string>();
  for (const line of split.lines) if (!line.append) baseValues.set(line.key, line.value);
  const variants = new Map<string, ProfilesetLine[]>();
  for (const set of setLines) {
    let lines = variants.get(set.name);
    if (!lines) {
      if (variants.size === MAX_PROFILESETS) break;
      lines = [];
      variants.set(set.name, lines);
    }
    if (!set.append) lines.length = 0;
    lines.push(set);
  }
  return [...variants].map(([name, lines]) => ({
    name,
    changes: lines.map(({ option }) => ({
      key: option.key,
      append: option.append,
      base: option.append ? null : (baseValues.get(option.key) ?? null),
      variant: option.value,
    })),
  }));
}
