import { describe, expect, it } from 'vitest';
import { decodeLoadout, encodeLoadout, type LoadoutTree } from '../src/index.ts';

const TREE: LoadoutTree = {
  nodes: [
    { id: 100, isChoice: false, entries: [{ id: 1, spellId: 1001, maxRanks: 1 }] },
    { id: 101, isChoice: false, entries: [{ id: 2, spellId: 1002, maxRanks: 2 }] },
    {
      id: 102,
      isChoice: true,
      entries: [
        { id: 3, spellId: 1003, maxRanks: 1 },
        { id: 4, spellId: 1004, maxRanks: 1 },
      ],
    },
    { id: 103, isChoice: false, entries: [{ id: 5, spellId: 1005, maxRanks: 1 }] },
  ],
};

describe('the Blizzard talent loadout string', () => {
  it('round-trips selections, partial ranks and choice nodes', () => {
    const text = encodeLoadout(
      253,
      TREE,
      new Map([
        [101, { ranks: 1 }],
        [102, { choice: 1 }],
      ]),
    );
    const decoded = decodeLoadout(text, TREE);
    expect(decoded).toEqual([
      { nodeId: 101, entryId: 2, spellId: 1002, ranks: 1, granted: false },
      { nodeId: 102, entryId: 4, spellId: 1004, ranks: 1, granted: false },
    ]);
  });

  it('reads bits least-significant first within each base64 digit', () => {
    // Version 2 in the first 8 bits: digit 'C' (2) then the low 2 bits of the next digit.
    expect(encodeLoadout(253, TREE, new Map()).startsWith('C')).toBe(true);
  });

  it('refuses a string that ends before the tree does', () => {
    const text = encodeLoadout(253, { nodes: TREE.nodes.slice(0, 1) }, new Map([[100, {}]]));
    const bigger: LoadoutTree = {
      nodes: [
        ...TREE.nodes,
        ...Array.from({ length: 40 }, (_, i) => ({
          id: 200 + i,
          isChoice: false,
          entries: [{ id: 9, spellId: 9, maxRanks: 1 }],
        })),
      ],
    };
    const result = decodeLoadout(text, bigger);
    expect('offset' in result && result.message).toContain('ends before');
  });
});
