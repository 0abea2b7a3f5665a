// A comparison's table as files to take away: CSV for a spreadsheet, JSON for a script. Both
// carry the base as the first row, each variant's DPS and its paired difference to the base
// with their 95% errors, and the iterations each ran.
import type { JobResultView } from '@simforge/common';
import type { StatWeight } from '@simforge/engine';
import type { ProfilesetChanges } from '../api-contract.ts';

export interface ComparisonRow {
  name: string;
  base: boolean;
  iterations: number;
  dps: number;
  dpsError: number;
  difference: number;
  differenceError: number;
  differencePct: number;
  /** A race stopped it (at `iterations`) behind this profile: "base" or a variant's name. */
  stoppedBehind: string | null;
}

/** Base first, then the variants from the best difference to the worst. */
export function comparisonRows(view: JobResultView): ComparisonRow[] {
  const base = view.dps.mean;
  const pct = (diff: number) => (base > 0 ? (diff / base) * 100 : 0);
  return [
    {
      name: 'base',
      base: true,
      iterations: view.iterations,
      dps: base,
      dpsError: view.dps.error,
      difference: 0,
      differenceError: 0,
      differencePct: 0,
      stoppedBehind: null,
    },
    ...[...view.profilesets]
      .sort((a, b) => b.diffMean - a.diffMean)
      .map((p) => ({
        name: p.name,
        base: false,
        iterations: p.iterations,
        dps: p.mean,
        dpsError: p.halfWidth95,
        difference: p.diffMean,
        differenceError: p.diffHalfWidth95,
        differencePct: pct(p.diffMean),
        stoppedBehind: p.stoppedBehind === null ? null : p.stoppedBehind.base ? 'base' : p.stoppedBehind.name,
      })),
  ];
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function comparisonCsv(view: JobResultView): string {
  const header = [
    'name',
    'iterations',
    'dps',
    'dps_error_95',
    'difference',
    'difference_error_95',
    'difference_pct',
    'stopped_behind',
  ];
  const rows = comparisonRows(view).map((r) =>
    [
      r.name,
      r.iterations,
      r.dps,
      r.dpsError,
      r.difference,
      r.differenceError,
      r.differencePct,
      r.stoppedBehind ?? '',
    ].map(csvField),
  );
  return `${[header, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;
}

export function comparisonJson(
  title: string,
  view: JobResultView,
  comparison: readonly ProfilesetChanges[],
  weights: readonly StatWeight[] | null,
): string {
  const changes = new Map(comparison.map((c) => [c.name, c.changes]));
  const rows = comparisonRows(view).map((r) => (r.base ? r : { ...r, changes: changes.get(r.name) ?? [] }));
  return `${JSON.stringify({ title, rows, weights }, null, 2)}\n`;
}

/** Hands the text to the browser as a download. */
export function download(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
