import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// Determinism rests on these: no ambient randomness, clock, environment or I/O in the engine,
// and game data imported as types only.
describe('the engine source is pure', () => {
  const files = sources(SRC).map((f) => ({ f, text: readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '') }));

  it('uses no Math.random, clock, process or node: module', () => {
    for (const { f, text } of files) {
      expect(text, f).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|process\.|from 'node:/);
    }
  });

  it('imports @simforge/gamedata as types only', () => {
    for (const { f, text } of files) {
      for (const m of text.matchAll(/import (type )?[^;]*from '@simforge\/gamedata'/g))
        expect(m[1], f).toBe('type ');
    }
  });
});
