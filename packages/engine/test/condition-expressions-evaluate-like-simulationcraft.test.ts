import { describe, expect, it } from 'vitest';
import { compileExpression, interpretExpression } from '../src/apl/compile.ts';
import { isSyntaxError, parseExpression } from '../src/apl/expression.ts';
import type { ValueRef } from '../src/apl/identifiers.ts';
import { DEFAULT_SPEC_REGISTRY } from '../src/index.ts';

// Beast Mastery's catalogue, through the registry (only the registry imports a spec's folder).
const BM_CATALOG = DEFAULT_SPEC_REGISTRY.find('hunter', 'beast_mastery')!.catalog;

const values: Record<string, number> = { focus: 42, time: 12.5, gcd: 1.5 };
const bind = (ref: ValueRef) => {
  const key = ref.kind === 'resource' ? 'focus' : ref.kind;
  return { fn: () => values[key] ?? 0, constant: ref.kind === 'gcd' };
};

function both(text: string): number {
  const expr = parseExpression(text);
  if (isSyntaxError(expr)) throw new Error(expr.message);
  const compiled = compileExpression(expr, BM_CATALOG, bind, 'cobra_shot')();
  expect(interpretExpression(expr, BM_CATALOG, bind, 'cobra_shot')).toBe(compiled);
  return compiled;
}

describe('condition expressions evaluate like SimulationCraft', () => {
  it('arithmetic with % as division and %% as modulo', () => {
    expect(both('1+2*3')).toBe(7);
    expect(both('7%2')).toBe(3.5);
    expect(both('7%%4')).toBe(3);
    expect(both('5%0')).toBe(0);
    expect(both('-3+@-2')).toBe(-1);
  });

  it('comparisons, = and ==, min and max operators', () => {
    expect(both('focus=42')).toBe(1);
    expect(both('focus==42')).toBe(1);
    expect(both('focus!=42')).toBe(0);
    expect(both('3<?2')).toBe(2);
    expect(both('3>?2')).toBe(3);
    expect(both('focus>=40&time<gcd*10')).toBe(1);
  });

  it('& binds tighter than ^, which binds tighter than |; ! negates', () => {
    expect(both('1|0&0')).toBe(1);
    expect(both('(1|0)&0')).toBe(0);
    expect(both('1^1|1')).toBe(1);
    expect(both('!focus')).toBe(0);
    expect(both('!(focus<10)')).toBe(1);
  });

  it('refuses malformed input with the offset of the problem', () => {
    const r = parseExpression('focus>>3');
    expect(isSyntaxError(r) && r.offset).toBe(6);
    const unmatched = parseExpression('focus>3)');
    expect(isSyntaxError(unmatched) && unmatched.message).toContain("')'");
  });
});
