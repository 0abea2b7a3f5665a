// The text summary of a decoded job result that `simforge submit` prints: mean DPS with its
// 95% error, the spread, fight length, the talents, the ability breakdown and buff uptimes.
import type { JobCharacter, JobResultView, TalentsView } from '@simforge/common';

const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatJobResult(view: JobResultView): string {
  const lines: string[] = [];
  const { dps } = view;
  lines.push(
    `DPS        ${fmt(dps.mean, 1)}  ± ${fmt(dps.error, 1)} (${fmt(dps.errorPct, 3)}%, 95% confidence)`,
  );
  lines.push(
    `           min ${fmt(dps.min)}  q1 ${fmt(dps.q1)}  median ${fmt(dps.median)}  q3 ${fmt(dps.q3)}  max ${fmt(dps.max)}`,
  );
  lines.push(
    `iterations ${fmt(view.iterations)}   fight ${fmt(view.fightLengthMsMean / 1000, 1)} s   stddev ${fmt(dps.stddev, 1)}`,
  );
  lines.push(...characterLines(view.character), ...talentLines(view.talents));
  for (const w of view.warnings) lines.push(`warning    line ${w.line}, column ${w.column}: ${w.message}`);
  if (view.abilities.length > 0) {
    lines.push('');
    lines.push('ability                       source      dps   share  executes   crit%');
    const byDamage = [...view.abilities].sort((a, b) => b.dps - a.dps);
    for (const a of byDamage) {
      lines.push(
        `${a.name.slice(0, 28).padEnd(28)}  ${a.source.padEnd(6)} ${fmt(a.dps).padStart(8)} ${`${fmt(a.sharePct, 1)}%`.padStart(7)} ${fmt(a.executesPerIteration, 1).padStart(9)} ${fmt(a.critPct, 1).padStart(7)}`,
      );
    }
  }
  if (view.buffs.length > 0) {
    lines.push('');
    lines.push('buff                          uptime');
    for (const b of [...view.buffs].sort((x, y) => y.uptimePct - x.uptimePct)) {
      lines.push(`${b.name.slice(0, 28).padEnd(28)}  ${`${fmt(b.uptimePct, 1)}%`.padStart(6)}`);
    }
  }
  if (view.profilesets.length > 0) lines.push('', ...profilesetLines(view));
  return `${lines.join('\n')}\n`;
}

/**
 * The variants ranked by their difference to the base, with its paired error: the difference
 * is known far more precisely than either DPS, since both ran on the same seeds.
 */
export function profilesetLines(view: JobResultView): string[] {
  const base = view.dps.mean;
  const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${fmt(value, digits)}`;
  const raced = view.profilesets.some((p) => p.stoppedBehind !== null);
  const lines = [
    raced
      ? `  profilesets: ${view.profilesets.length}, raced on the base's seeds (up to ${fmt(view.iterations)}); difference to the base +- its paired 95% error`
      : `  profilesets: ${view.profilesets.length}, each on the base's ${fmt(view.iterations)} seeds; difference to the base +- its paired 95% error`,
    `  profileset                        DPS     +- error     difference  +- paired      %${raced ? '  iterations  stopped' : ''}`,
  ];
  for (const p of [...view.profilesets].sort((a, b) => b.diffMean - a.diffMean)) {
    const stop =
      p.stoppedBehind === null ? '' : `behind ${p.stoppedBehind.base ? 'the base' : p.stoppedBehind.name}`;
    lines.push(
      `  ${p.name.slice(0, 26).padEnd(26)} ${fmt(p.mean, 1).padStart(12)} ${fmt(p.halfWidth95, 1).padStart(10)} ${signed(p.diffMean, 1).padStart(14)} ${fmt(p.diffHalfWidth95, 1).padStart(10)} ${`${signed(base > 0 ? (p.diffMean / base) * 100 : 0, 2)}%`.padStart(8)}${raced ? `${fmt(p.iterations).padStart(12)}  ${stop}` : ''}`,
    );
  }
  return lines;
}

/** Who was simulated in what fight: the character, the fight style, the raid around it. */
export function characterLines(c: JobCharacter | null): string[] {
  if (c === null) return [];
  const itemLevel =
    c.itemLevel === null
      ? 'item level unknown (no item the data knows)'
      : `item level ${fmt(c.itemLevel, 2)}`;
  const raid = c.raidBuffs.length > 0 ? c.raidBuffs.join(', ') : 'none';
  const missing =
    c.raidNotSimulated.length > 0 ? ` (${c.raidNotSimulated.join(', ')} not simulated yet)` : '';
  return [
    `character: ${c.name || 'unnamed'}, ${c.race.replaceAll('_', ' ')}, level ${c.level} ${c.spec.replaceAll('_', ' ')}, ${itemLevel}`,
    `fight: ${c.fightStyle}, ${c.targets} target${c.targets === 1 ? '' : 's'}, ${fmt(c.maxTimeMs / 1000)} s`,
    `raid: ${raid}${missing}`,
  ];
}

/** The chosen talents, a line per kind, and the ones the engine does not simulate yet by name. */
export function talentLines(report: TalentsView | null): string[] {
  if (report === null) return [];
  const lines = [`hero tree: ${report.heroTree ?? 'none'}`];
  for (const kind of ['class', 'spec', 'hero'] as const) {
    const names = report.talents
      .filter((t) => t.tree === kind)
      .map((t) => `${t.name}${t.ranks > 1 ? ` ${t.ranks}` : ''}${t.modelled ? '' : '*'}`);
    if (names.length > 0) lines.push(`${kind} talents: ${names.join(', ')}`);
  }
  lines.push(
    report.notModelled.length === 0
      ? 'every chosen talent is modelled'
      : `* not modelled yet (${report.notModelled.length}; the sim runs without them): ${report.notModelled.join(', ')}`,
  );
  return lines;
}
