// The Compare page's base profile and variant cards as the one text a job runs: the base, then
// each card's lines as `profileset."NAME"+=LINE`. The text is what SimulationCraft reads too, and
// each of its lines maps back to the card and card line it came from, so an error is shown where
// the player wrote it.

export interface VariantDraft {
  name: string;
  lines: string;
}

export interface ComposedComparison {
  text: string;
  /** Lines up to this one are the base's, numbered as in the base editor. */
  baseLines: number;
  /** The card and its 1-based line for a line of `text` past the base; null for the base's. */
  origin: (line: number) => { variant: number; line: number } | null;
  /** What keeps the cards from being a comparison at all, by card (-1: the page). */
  problems: { variant: number; message: string }[];
}

export function composeComparison(base: string, variants: readonly VariantDraft[]): ComposedComparison {
  const head = base.trimEnd();
  const baseLines = head.split('\n').length;
  const out: string[] = [head, '', '# simforge studio: the variants compared with the profile above'];
  const origins: { variant: number; line: number }[] = [];
  const problems: ComposedComparison['problems'] = [];
  const seen = new Set<string>();
  if (variants.length === 0)
    problems.push({ variant: -1, message: 'Add a variant to compare with the base.' });
  variants.forEach((variant, i) => {
    const name = variant.name.trim();
    if (name === '') problems.push({ variant: i, message: 'Give this variant a name.' });
    else if (name.includes('"'))
      problems.push({ variant: i, message: 'A name may not hold a double quote.' });
    else if (seen.has(name)) problems.push({ variant: i, message: `Another variant is named "${name}".` });
    seen.add(name);
    let changes = 0;
    variant.lines.split('\n').forEach((raw, j) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      changes++;
      out.push(`profileset."${name}"+=${line}`);
      origins.push({ variant: i, line: j + 1 });
    });
    if (changes === 0)
      problems.push({
        variant: i,
        message: 'This variant changes nothing: give it lines such as talents=… or trinket1=….',
      });
  });
  const first = baseLines + 3;
  return {
    text: `${out.join('\n')}\n`,
    baseLines,
    origin: (line) => (line >= first ? (origins[line - first] ?? null) : null),
    problems,
  };
}
