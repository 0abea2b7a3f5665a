// Turns a parsed condition into a tree of closures, once per simulation. Each identifier is
// bound by the spec to a closure over its live state, so evaluating a condition is a few
// direct calls with no name lookup, no string compare and no allocation.
import type { BinaryOp, Expr, UnaryOp } from './expression.ts';
import { classifyIdentifier, isIdentifierError, type SpecCatalog, type ValueRef } from './identifiers.ts';

export type Getter = () => number;

/** A bound reference; `constant` when its value cannot change during a simulation. */
export interface Bound {
  fn: Getter;
  constant: boolean;
}

/** Binds a classified reference to live state; `actionName` is the action the `if=` belongs to. */
export type Binder = (ref: ValueRef, actionName: string) => Bound;

/** A getter known to return the same number on every call, so it can be folded. */
interface Compiled {
  fn: Getter;
  constant: number | null;
}

function constant(v: number): Compiled {
  return { fn: () => v, constant: v };
}

export function compileExpression(
  expr: Expr,
  catalog: SpecCatalog,
  bind: Binder,
  actionName: string,
): Getter {
  return compileNode(expr, catalog, bind, actionName).fn;
}

/** Compiles a condition; `constant` is its value when it can never change (folded at compile time). */
export function compileCondition(
  expr: Expr,
  catalog: SpecCatalog,
  bind: Binder,
  actionName: string,
): { fn: Getter; constant: number | null } {
  return compileNode(expr, catalog, bind, actionName);
}

function compileNode(expr: Expr, catalog: SpecCatalog, bind: Binder, actionName: string): Compiled {
  switch (expr.kind) {
    case 'number':
      return constant(expr.value);
    case 'identifier': {
      const ref = classifyIdentifier(expr.name, catalog);
      // parseProfile already refused unknown names; reaching this is a programming error.
      if (isIdentifierError(ref)) throw new Error(`unbound identifier ${expr.name}: ${ref.code}`);
      const bound = bind(ref, actionName);
      return { fn: bound.fn, constant: bound.constant ? bound.fn() : null };
    }
    case 'unary': {
      const operand = compileNode(expr.operand, catalog, bind, actionName);
      const fn = unaryFn(expr.op, operand.fn);
      return operand.constant !== null ? constant(fn()) : { fn, constant: null };
    }
    case 'binary': {
      const left = compileNode(expr.left, catalog, bind, actionName);
      const right = compileNode(expr.right, catalog, bind, actionName);
      if (left.constant !== null && right.constant !== null)
        return constant(binaryFn(expr.op, left.fn, right.fn)());
      // The common shape `value <op> number` avoids one call per evaluation.
      if (right.constant !== null) {
        const special = withConstantRight(expr.op, left.fn, right.constant);
        if (special) return { fn: special, constant: null };
      }
      return { fn: binaryFn(expr.op, left.fn, right.fn), constant: null };
    }
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${String(never)}`);
    }
  }
}

function unaryFn(op: UnaryOp, a: Getter): Getter {
  switch (op) {
    case '!':
      return () => (a() === 0 ? 1 : 0);
    case '-':
      return () => -a();
    case '+':
      return a;
    case '@':
      return () => Math.abs(a());
    default: {
      const never: never = op;
      throw new Error(`unknown unary operator ${String(never)}`);
    }
  }
}

function withConstantRight(op: BinaryOp, a: Getter, k: number): Getter | null {
  switch (op) {
    case '<':
      return () => (a() < k ? 1 : 0);
    case '<=':
      return () => (a() <= k ? 1 : 0);
    case '>':
      return () => (a() > k ? 1 : 0);
    case '>=':
      return () => (a() >= k ? 1 : 0);
    case '=':
      return () => (a() === k ? 1 : 0);
    case '!=':
      return () => (a() !== k ? 1 : 0);
    case '+':
      return () => a() + k;
    case '-':
      return () => a() - k;
    case '*':
      return () => a() * k;
    default:
      return null;
  }
}

function binaryFn(op: BinaryOp, a: Getter, b: Getter): Getter {
  switch (op) {
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
      const never: never = op;
      throw new Error(`unknown binary operator ${String(never)}`);
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
      return bind(ref, actionName).fn();
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
