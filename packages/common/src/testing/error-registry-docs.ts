// The check every registry's test runs against its doc: each code is well formed and in its
// registry's own areas, has a message of its own, is the first cell of exactly one table row
// (with its HTTP status in the second cell when it has one), and no row documents a code of
// those areas that does not exist. A rename table (old code first, then the new one) is not
// mistaken for documentation. Areas are owned by one registry each, so passing this for every
// registry also means no code is declared by two.

import {
  ERROR_AREAS,
  ERROR_CODE_PATTERN,
  type ErrorDefinition,
  type ErrorRegistryName,
  errorArea,
  errorCodeProblem,
} from '../error-registry.ts';

const ROW = /^\|\s*`([A-Z0-9_]+)`\s*\|([^|\n]*)\|/gm;

export function errorRegistryDocProblems(
  registry: ErrorRegistryName,
  entries: Readonly<Record<string, ErrorDefinition>>,
  doc: string,
): string[] {
  const rows = [...doc.matchAll(ROW)].map((m) => ({ code: m[1]!, second: m[2]!.trim() }));
  const problems: string[] = [];
  for (const [code, { status }] of Object.entries(entries)) {
    const problem = errorCodeProblem(registry, code);
    if (problem !== null) problems.push(problem);
    const documented = rows.filter((row) => row.code === code);
    if (documented.length !== 1) {
      problems.push(`${code} heads ${documented.length} table rows, not 1`);
    } else if (status !== undefined && documented[0]!.second !== String(status)) {
      problems.push(`${code} is documented with status ${documented[0]!.second}, not ${status}`);
    }
  }
  const messages = new Map<string, string>();
  for (const [code, { message }] of Object.entries(entries)) {
    const other = messages.get(message);
    if (other !== undefined) problems.push(`${code} repeats the message of ${other}`);
    messages.set(message, code);
  }
  const owned = (code: string) =>
    ERROR_CODE_PATTERN.test(code) &&
    (ERROR_AREAS as Record<string, ErrorRegistryName | undefined>)[errorArea(code)!] === registry;
  for (const { code } of rows) {
    if (owned(code) && !(code in entries)) problems.push(`${code} is documented but not defined`);
  }
  return problems;
}
