// SimulationCraft's condition language (`if=` of an action): parsed once into a small AST
// that `compile.ts` turns into closures. Operators follow SimulationCraft: `%` divides
// (`/` separates actions), `%%` is modulo, `=` and `==` compare, `<?`/`>?` are min/max,
// `&` `|` `^` are logic on truthiness (non-zero), `!` negates, `@` is absolute value.

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '%'
  | '%%'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&'
  | '|'
  | '^'
  | '<?'
  | '>?';
export type UnaryOp = '!' | '-' | '+' | '@';

export type Expr =
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'identifier'; name: string; offset: number }
  | { kind: 'unary'; op: UnaryOp; operand: Expr; offset: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; offset: number };

export interface ExpressionSyntaxError {
  offset: number;
  message: string;
}

type Token =
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'identifier'; name: string; offset: number }
  | { kind: 'op'; op: string; offset: number }
  | { kind: 'end'; offset: number };

const OPERATORS = [
  '%%',
  '!=',
  '<=',
  '>=',
  '==',
  '<?',
  '>?',
  '+',
  '-',
  '*',
  '%',
  '=',
  '<',
  '>',
  '&',
  '|',
  '^',
  '!',
  '@',
  '(',
  ')',
];

function tokenize(text: string): Token[] | ExpressionSyntaxError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if ((ch >= '0' && ch <= '9') || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+|^[0-9]+/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', value: Number(m[0]), offset: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'identifier', name: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) return { offset: i, message: `unexpected character '${ch}'` };
    tokens.push({ kind: 'op', op: op === '==' ? '=' : op, offset: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

// Binding power, lowest first: | ^ & comparisons min/max additive multiplicative.
const BINARY_POWER: Record<string, number> = {
  '|': 1,
  '^': 2,
  '&': 3,
  '=': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '<?': 5,
  '>?': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '%': 7,
  '%%': 7,
};
const UNARY_POWER = 8;

export function parseExpression(text: string): Expr | ExpressionSyntaxError {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  let pos = 0;
  let failure: ExpressionSyntaxError | null = null;

  const fail = (offset: number, message: string): Expr => {
    failure ??= { offset, message };
    return { kind: 'number', value: 0, offset };
  };

  const parsePrefix = (): Expr => {
    const t = tokens[pos++]!;
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: t.value, offset: t.offset };
      case 'identifier':
        return { kind: 'identifier', name: t.name, offset: t.offset };
      case 'end':
        return fail(t.offset, 'the expression ends where a value was expected');
      case 'op': {
        if (t.op === '(') {
          const inner = parseBinary(0);
          const close = tokens[pos]!;
          if (close.kind !== 'op' || close.op !== ')') return fail(close.offset, "missing ')'");
          pos++;
          return inner;
        }
        if (t.op === '!' || t.op === '-' || t.op === '+' || t.op === '@') {
          const operand = parseBinary(UNARY_POWER);
          return { kind: 'unary', op: t.op, operand, offset: t.offset };
        }
        return fail(t.offset, `'${t.op}' where a value was expected`);
      }
      default: {
        const never: never = t;
        return never;
      }
    }
  };

  const parseBinary = (minPower: number): Expr => {
    let left = parsePrefix();
    while (failure === null) {
      const t = tokens[pos]!;
      if (t.kind !== 'op') {
        if (t.kind === 'end') break;
        return fail(t.offset, 'an operator is missing between two values');
      }
      const power = BINARY_POWER[t.op];
      if (power === undefined || power <= minPower) break;
      pos++;
      const right = parseBinary(power);
      left = { kind: 'binary', op: t.op as BinaryOp, left, right, offset: t.offset };
    }
    return left;
  };

  const expr = parseBinary(0);
  if (failure) return failure;
  const rest = tokens[pos]!;
  if (rest.kind !== 'end') {
    return {
      offset: rest.offset,
      message: rest.kind === 'op' && rest.op === ')' ? "unmatched ')'" : 'unexpected text',
    };
  }
  return expr;
}

export function isSyntaxError(x: Expr | ExpressionSyntaxError): x is ExpressionSyntaxError {
  return !('kind' in x);
}

/** Calls `fn` with every identifier of an expression and its offset, left to right. */
export function visitIdentifiers(expr: Expr, fn: (name: string, offset: number) => void): void {
  switch (expr.kind) {
    case 'number':
      return;
    case 'identifier':
      fn(expr.name, expr.offset);
      return;
    case 'unary':
      visitIdentifiers(expr.operand, fn);
      return;
    case 'binary':
      visitIdentifiers(expr.left, fn);
      visitIdentifiers(expr.right, fn);
      return;
    default: {
      const never: never = expr;
      throw new Error(`unhandled expression ${String(never)}`);
    }
  }
}
