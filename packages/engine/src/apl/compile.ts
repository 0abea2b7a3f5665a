// Turns a parsed condition into a tree of closures, once per simulation. Each identifier is
// bound by the spec to a closure over its live state, so evaluating a condition is a few
// direct calls with no name lookup, no string compare and no allocation.
import type { Expr } from './expression.ts';
import { classifyIdentifier, isIdentifierError, type SpecCatalog, type ValueRef } from './identifiers.ts';

export type Getter = () => number;

/** Binds a classified reference to live state; `actionName` is the action the `if=` belongs to. */
export type Binder = (ref: ValueRef, actionName: string) => Getter;

export function compileExpression(
  expr: Expr,
  catalog: SpecCatalog,
  bind: Binder,
  actionName: string,
): Getter {
  switch (expr.kind) {
    case 'number': {
      const v = expr.value;
      return () => v;
    }
    case 'identifier': {
      const ref = classifyIdentifier(expr.name, catalog);
      // parseProfile already refused unknown names; reaching this is a programming error.
      if (isIdentifierError(ref)) throw new Error(`unbound identifier ${expr.name}: ${ref.code}`);
      return bind(ref, actionName);
    }
    case 'unary': {
      const a = compileExpression(expr.operand, catalog, bind, actionName);
      switch (expr.op) {
        case '!':
          return () => (a() === 0 ? 1 : 0);
        case '-':
          return () => -a();
        case '+':
          return a;
        case '@':
          return () => Math.abs(a());
        default: {
          const never: never = expr;
          throw new Error(`unknown unary operator ${String(never)}`);
        }
      }
    }
    case 'binary': {
      const a = compileExpression(expr.left, catalog, bind, actionName);
      const b = compileExpression(expr.right, catalog, bind, actionName);
      switch (expr.op) {
        case '+':
          return () => a() + b();
        case '-':
          return () => a() - b();
        case '*':
          return () => a() * b();
        case '%':
          // SimulationCraft: division by zero yields 0 rather than infinity.
          return () => {
            const d = b();
            return d === 0 ? 0 : a() / d;
          };
        case '%%':
          return () => {
            const d = b();
            return d === 0 ? 0 : a() % d;
          };
        case '=':
          return () => (a() === b() ? 1 : 0);
        case '!=':
          return () => (a() !== b() ? 1 : 0);
        case '<':
          return () => (a() < b() ? 1 : 0);
        case '<=':
          return () => (a() <= b() ? 1 : 0);
        case '>':
          return () => (a() > b() ? 1 : 0);
        case '>=':
          return () => (a() >= b() ? 1 : 0);
        case '&':
          return () => (a() !== 0 && b() !== 0 ? 1 : 0);
        case '|':
          return () => (a() !== 0 || b() !== 0 ? 1 : 0);
        case '^':
          return () => ((a() !== 0) !== (b() !== 0) ? 1 : 0);
        case '<?':
          return () => Math.min(a(), b());
        case '>?':
          return () => Math.max(a(), b());
        default: {
          const never: never = expr;
          throw new Error(`unknown binary operator ${String(never)}`);
        }
      }
    }
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${String(never)}`);
    }
  }
}

/** The same semantics walked per evaluation: only the benchmark's baseline uses it. */
export function interpretExpression(
  expr: Expr,
  catalog: SpecCatalog,
  bind: Binder,
  actionName: string,
): number {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'identifier': {
      const ref = classifyIdentifier(expr.name, catalog);
      if (isIdentifierError(ref)) throw new Error(`unbound identifier ${expr.name}`);
      return bind(ref, actionName)();
    }
    case 'unary': {
      const a = interpretExpression(expr.operand, catalog, bind, actionName);
      return expr.op === '!' ? (a === 0 ? 1 : 0) : expr.op === '-' ? -a : expr.op === '@' ? Math.abs(a) : a;
    }
    case 'binary': {
      const a = interpretExpression(expr.left, catalog, bind, actionName);
      if (expr.op === '&' && a === 0) return 0;
      if (expr.op === '|' && a !== 0) return 1;
      const b = interpretExpression(expr.right, catalog, bind, actionName);
      const op = expr.op;
      switch (op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '%':
          return b === 0 ? 0 : a / b;
        case '%%':
          return b === 0 ? 0 : a % b;
        case '=':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
        case '&':
          return b !== 0 ? 1 : 0;
        case '|':
          return b !== 0 ? 1 : 0;
        case '^':
          return (a !== 0) !== (b !== 0) ? 1 : 0;
        case '<?':
          return Math.min(a, b);
        case '>?':
          return Math.max(a, b);
        default: {
          const never: never = op;
          throw new Error(`unknown operator ${String(never)}`);
        }
      }
    }
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${String(never)}`);
    }
  }
}
