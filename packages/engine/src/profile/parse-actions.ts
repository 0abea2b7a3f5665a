// The action priority list lines of a profile: `actions[.list]=a/b,if=.../c` chunks parsed
// into entries, every condition parsed and every name in it checked against the spec's
// catalogue, with positions kept for errors.
import { type Expr, isSyntaxError, parseExpression, visitIdentifiers } from '../apl/expression.ts';
import { classifyIdentifier, isIdentifierError, type SpecCatalog } from '../apl/identifiers.ts';
import { type ProfileError, profileError } from '../profile-errors.ts';
import { didYouMean } from './nearest-names.ts';
import {
  type ActionEntry,
  type ProfileWarning,
  type SourcePos,
  VARIABLE_OPS,
  type VariableOp,
} from './profile-types.ts';

export interface ActionChunk {
  value: string;
  line: number;
  valueColumn: number;
}

const VARIABLE_NAME = /(?:^|\/)variable,(?:[^/]*,)?name=([A-Za-z0-9_]+)/g;

/** The catalogue plus the profile's `variable,name=` names, so `variable.X` can be checked. */
export function catalogWithVariables(catalog: SpecCatalog, names: Iterable<string>): SpecCatalog {
  return { ...catalog, variables: new Set(names) };
}

export function parseActionLists(
  lists: ReadonlyArray<{ name: string; chunks: ActionChunk[] }>,
  baseCatalog: SpecCatalog,
  errors: ProfileError[],
  warnings: ProfileWarning[],
): Record<string, ActionEntry[]> {
  const variables = new Set<string>();
  for (const list of lists) {
    for (const chunk of list.chunks)
      for (const m of chunk.value.matchAll(VARIABLE_NAME)) variables.add(m[1]!);
  }
  const catalog = catalogWithVariables(baseCatalog, variables);
  // No prototype: a list may be named `__proto__` or `constructor` like any other.
  const out: Record<string, ActionEntry[]> = Object.create(null);
  for (const list of lists) {
    const entries: ActionEntry[] = [];
    out[list.name] = entries;
    for (const chunk of list.chunks) parseActionChunk(chunk, catalog, entries, errors, warnings);
  }
  checkListReferences(out, errors);
  return out;
}

function parseActionChunk(
  chunk: ActionChunk,
  catalog: SpecCatalog,
  out: ActionEntry[],
  errors: ProfileError[],
  warnings: ProfileWarning[],
): void {
  // `/` separates actions (SimulationCraft divides with `%`), so splitting first is exact.
  let offset = 0;
  for (const part of chunk.value.split('/')) {
    const start = offset;
    offset += part.length + 1;
    if (part.trim() === '') continue;
    const pos = { line: chunk.line, column: chunk.valueColumn + start };
    const name = part.split(',')[0]!.trim();
    if (catalog.unmodelledActions?.has(name)) {
      warnings.push({ ...pos, message: `${name}: not simulated yet (the action is skipped)` });
      continue;
    }
    const entry = parseAction(part, pos, catalog, errors, warnings);
    if (entry) out.push(entry);
  }
}

function parseAction(
  text: string,
  pos: SourcePos,
  catalog: SpecCatalog,
  errors: ProfileError[],
  warnings: ProfileWarning[],
): ActionEntry | null {
  const fields = text.split(',');
  const name = fields[0]!.trim();
  const isList = name === 'call_action_list' || name === 'run_action_list';
  const isVariable = name === 'variable';
  if (!isList && !isVariable && !catalog.actions.has(name) && !catalog.inertActions.has(name)) {
    errors.push(
      profileError(
        'SF_PROFILE_UNKNOWN_ACTION',
        pos.line,
        pos.column,
        didYouMean(name, [...catalog.actions, ...catalog.inertActions, ...(catalog.unmodelledActions ?? [])]),
      ),
    );
    return null;
  }
  const entry: ActionEntry = {
    name,
    pos,
    condition: null,
    listName: null,
    lineCooldownMs: 0,
    variable: null,
    targetIf: null,
  };
  let variableName: string | null = null;
  let variableValue: ActionEntry['condition'] = null;
  let variableCondition: ActionEntry['condition'] = null;
  let variableElse: ActionEntry['condition'] = null;
  let variableOp: VariableOp = 'set';
  let variableDefault = 0;
  let offset = fields[0]!.length + 1;
  for (const field of fields.slice(1)) {
    const col = pos.column + offset;
    offset += field.length + 1;
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    const val = eq < 0 ? '' : field.slice(eq + 1);
    const valCol = col + eq + 1;
    if (key === 'if') {
      const expr = compileCheck(val, { line: pos.line, column: valCol }, catalog, errors, warnings);
      if (expr) entry.condition = { expr, text: val, pos: { line: pos.line, column: valCol } };
    } else if (key === 'name' && isList) {
      entry.listName = { value: val, pos: { line: pos.line, column: valCol } };
    } else if (key === 'name' && isVariable) {
      variableName = val;
    } else if ((key === 'value' || key === 'condition' || key === 'value_else') && isVariable) {
      const expr = compileCheck(val, { line: pos.line, column: valCol }, catalog, errors, warnings);
      const parsed = expr && { expr, text: val, pos: { line: pos.line, column: valCol } };
      if (key === 'value') variableValue = parsed;
      else if (key === 'condition') variableCondition = parsed;
      else variableElse = parsed;
    } else if (key === 'default' && isVariable) {
      variableDefault = Number(val);
      if (val === '' || !Number.isFinite(variableDefault)) {
        errors.push(profileError('SF_PROFILE_BAD_VALUE', pos.line, valCol, `default='${val}'`));
      }
    } else if (key === 'op' && isVariable) {
      // An operation not run here would silently compute something else: refused.
      if ((VARIABLE_OPS as readonly string[]).includes(val)) variableOp = val as VariableOp;
      else errors.push(profileError('SF_PROFILE_UNSUPPORTED_EXPRESSION', pos.line, valCol, `op=${val}`));
    } else if (key === 'target_if') {
      // `min:EXPR`, `max:EXPR` or `first:EXPR` (a bare EXPR is `max:`, as in SimulationCraft):
      // the action runs on the target the expression picks, ties to the primary.
      const m = /^(min|max|first):/.exec(val);
      const mode = (m?.[1] ?? 'max') as 'min' | 'max' | 'first';
      const exprText = m ? val.slice(m[0].length) : val;
      const exprCol = valCol + (m ? m[0].length : 0);
      const expr = compileCheck(exprText, { line: pos.line, column: exprCol }, catalog, errors, warnings);
      if (expr) entry.targetIf = { mode, expr, text: exprText, pos: { line: pos.line, column: exprCol } };
    } else if (key === 'line_cd') {
      const n = Number(val);
      if (!Number.isFinite(n) || n < 0 || val === '') {
        errors.push(profileError('SF_PROFILE_BAD_VALUE', pos.line, valCol, `line_cd='${val}'`));
      } else entry.lineCooldownMs = Math.round(n * 1000);
    } else {
      errors.push(profileError('SF_PROFILE_UNKNOWN_ACTION_OPTION', pos.line, col, `'${key}'`));
    }
  }
  if (isVariable) {
    const needsValue = variableOp !== 'reset' && variableOp !== 'floor' && variableOp !== 'ceil';
    const setifParts = variableOp !== 'setif' || (variableCondition !== null && variableElse !== null);
    if (!variableName || (needsValue && !variableValue) || !setifParts) {
      const needs =
        variableOp === 'setif'
          ? 'name=, condition=, value= and value_else='
          : needsValue
            ? 'name= and value='
            : 'name=';
      errors.push(
        profileError(
          'SF_PROFILE_BAD_VALUE',
          pos.line,
          pos.column,
          `variable op=${variableOp} needs ${needs}`,
        ),
      );
      return null;
    }
    entry.variable = {
      name: variableName,
      op: variableOp,
      value: variableValue,
      condition: variableCondition,
      valueElse: variableElse,
      defaultValue: variableDefault,
    };
  }
  if (isList && !entry.listName) {
    errors.push(
      profileError('SF_PROFILE_UNKNOWN_ACTION_LIST', pos.line, pos.column, `${name} without name=`),
    );
    return null;
  }
  return entry;
}

/**
 * Parses a condition and checks every name in it against the spec's catalogue; a buff of a
 * talent not simulated yet is accepted with a warning at the name (it reads as never up).
 */
function compileCheck(
  text: string,
  pos: SourcePos,
  catalog: SpecCatalog,
  errors: ProfileError[],
  warnings: ProfileWarning[],
): Expr | null {
  const expr = parseExpression(text);
  if (isSyntaxError(expr)) {
    errors.push(
      profileError('SF_PROFILE_EXPRESSION_SYNTAX', pos.line, pos.column + expr.offset, expr.message),
    );
    return null;
  }
  let ok = true;
  visitIdentifiers(expr, (name, offset) => {
    const ref = classifyIdentifier(name, catalog);
    if (isIdentifierError(ref)) {
      ok = false;
      errors.push(profileError(ref.code, pos.line, pos.column + offset, ref.detail));
    } else if (ref.kind === 'unmodelled_buff') {
      const talent = catalog.unmodelledBuffs?.get(ref.buff) ?? ref.buff;
      warnings.push({
        line: pos.line,
        column: pos.column + offset,
        message: `buff.${ref.buff}: ${talent} is not simulated yet, so the buff is never up`,
      });
    }
  });
  return ok ? expr : null;
}

function checkListReferences(lists: Record<string, ActionEntry[]>, errors: ProfileError[]): void {
  const names = Object.keys(lists);
  for (const entries of Object.values(lists)) {
    for (const e of entries) {
      // Own keys only: a list named `constructor` or `__proto__` is just unknown.
      if (e.listName && !Object.hasOwn(lists, e.listName.value)) {
        errors.push(
          profileError(
            'SF_PROFILE_UNKNOWN_ACTION_LIST',
            e.listName.pos.line,
            e.listName.pos.column,
            didYouMean(e.listName.value, names),
          ),
        );
      }
    }
  }
  checkListCycles(lists, errors);
}

/** How deep call_action_list/run_action_list may nest below the default list: real lists nest two or three. */
export const MAX_LIST_DEPTH = 16;

/**
 * A list that reaches itself through call_action_list/run_action_list would recurse forever in
 * a scan: refused at the call that closes the loop. A chain of calls deeper than MAX_LIST_DEPTH
 * is refused at the call that goes too deep and not walked further, so neither this check nor a
 * scan recurses deeper than that. Each list is walked once, from the default list first; its
 * height (the longest chain of lists from it, itself included) serves later calls that reach it.
 */
function checkListCycles(lists: Record<string, ActionEntry[]>, errors: ProfileError[]): void {
  const height = new Map<string, number>();
  const onPath = new Set<string>();
  const tooDeep = (at: SourcePos, detail: string) =>
    errors.push(profileError('SF_PROFILE_ACTION_LIST_TOO_DEEP', at.line, at.column, detail));
  const visit = (name: string, depth: number): number => {
    onPath.add(name);
    let own = 1;
    for (const e of lists[name] ?? []) {
      const callee = e.listName?.value;
      if (callee === undefined || !Object.hasOwn(lists, callee)) continue;
      const at = e.listName!.pos;
      let below: number;
      if (onPath.has(callee)) {
        errors.push(
          profileError('SF_PROFILE_ACTION_LIST_CYCLE', at.line, at.column, `'${callee}' from '${name}'`),
        );
        continue;
      } else if (depth + 1 > MAX_LIST_DEPTH) {
        tooDeep(at, `'${callee}' would be list ${depth + 1} of a chain of calls`);
        below = MAX_LIST_DEPTH + 1;
      } else if (height.has(callee)) {
        below = height.get(callee)!;
        if (depth + below > MAX_LIST_DEPTH) {
          tooDeep(at, `'${callee}' leads ${depth + below} lists deep from here`);
        }
      } else below = visit(callee, depth + 1);
      own = Math.max(own, Math.min(1 + below, MAX_LIST_DEPTH + 1));
    }
    onPath.delete(name);
    height.set(name, own);
    return own;
  };
  const names = Object.keys(lists);
  for (const name of ['default', ...names.filter((n) => n !== 'default')])
    if (Object.hasOwn(lists, name) && !height.has(name)) visit(name, 0);
}
