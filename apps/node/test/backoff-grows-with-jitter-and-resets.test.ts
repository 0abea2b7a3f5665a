import { describe, expect, it } from 'vitest';
import { createBackoff } from '../src/backoff.ts';

describe('backoff', () => {
  it('grows its ceiling exponentially up to the cap, with jitter inside it', () => {
    const top = createBackoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.nextDelayMs())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const bottom = createBackoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0 });
    expect([1, 2, 3].map(() => bottom.nextDelayMs())).toEqual([50, 50, 50]);
  });

  it('starts over after a success', () => {
    const backoff = createBackoff({ initialDelayMs: 100, maxDelayMs: 10_000, random: () => 0.999999 });
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    expect(backoff.failures).toBe(2);
    backoff.reset();
    expect(backoff.nextDelayMs()).toBe(100);
  });
});
