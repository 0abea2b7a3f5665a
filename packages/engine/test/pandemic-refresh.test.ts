import { describe, expect, it } from 'vitest';
import { Aura } from '../src/sim/aura.ts';

describe('pandemic refresh keeps up to 30% of the duration', () => {
  it('keeps all of a short remainder, at most 30% of a long one', () => {
    const dot = new Aura(1, 'dot', 10000, 1, true);
    dot.trigger(0);
    dot.trigger(8000); // 2 s left, under the 3 s cap: all kept
    expect(dot.expiresAtMs).toBe(20000);
    dot.trigger(12000); // 8 s left: 3 s kept
    expect(dot.expiresAtMs).toBe(25000);
  });

  it('a non-pandemic aura restarts its duration and adds stacks up to the cap', () => {
    const buff = new Aura(2, 'frenzy', 8000, 3, false);
    buff.trigger(0);
    buff.trigger(6000);
    buff.trigger(7000);
    buff.trigger(7500);
    expect(buff.expiresAtMs).toBe(15500);
    expect(buff.stack(7500)).toBe(3);
    expect(buff.stack(15500)).toBe(0);
  });

  it('uptime sums contiguous intervals and stops at the end of the fight', () => {
    const buff = new Aura(3, 'bw', 15000, 1, false);
    buff.trigger(0);
    buff.trigger(20000);
    buff.finish(30000);
    expect(buff.uptimeMs).toBe(25000);
  });
});
