// Loadout strings against the live hunter tree 774 (real trait tables, build 12.0.5): the
// game's starter builds, a string SimulationCraft ships, seeded random legal loadouts, and the
// selections the game refuses, each named by node and reason.
import { SIMC_MID1_BM_TALENTS } from '@simforge/engine/testing';
import type { TalentTree } from '@simforge/gamedata';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkLoadout,
  chosenTalents,
  createSimulation,
  decodeLoadout,
  encodeLoadout,
  type Loadout,
  type NodePick,
  ProfileRejectedError,
  parseProfile,
  requiredGameData,
  starterLoadout,
  withHeroTree,
} from '../src/index.ts';
import { fixtureBundle } from './support/fixture-bundle.ts';

const BM = 253;
const PACK_LEADER = 43;
const DARK_RANGER = 44;

let tree: TalentTree;
beforeAll(async () => {
  const bundle = await fixtureBundle({ spellIds: [], specId: BM });
  if (!bundle.talentTree) throw new Error('no talent tree');
  tree = bundle.talentTree;
});

const byId = () => new Map(tree.nodes.map((n) => [n.id, n]));

function decoded(text: string): Loadout {
  const result = decodeLoadout(text, tree);
  if (Array.isArray(result)) throw new Error(result.map((f) => f.message).join('\n'));
  return result;
}

function problemsOf(text: string): string[] {
  const result = decodeLoadout(text, tree);
  return Array.isArray(result) ? result.map((f) => f.message) : [];
}

/** xorshift32: the same loadouts on every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

/** A random loadout the game allows: buy available ranks one at a time until a random stop. */
function randomLegalLoadout(specId: number, heroChoice: number, random: () => number): Loadout {
  const empty = starterLoadout(tree, specId)!;
  const start: Loadout = { specId, heroTreeId: 0, picks: new Map() };
  for (const [id, pick] of empty.picks) if (pick.granted) start.picks.set(id, pick);
  const selection = tree.nodes.find((n) => n.type === 3 && n.specIds.includes(specId))!;
  let loadout = withHeroTree(tree, start, selection.entries[heroChoice]!.subTreeId);
  // withHeroTree took the whole hero tree; start it over from its free root.
  loadout = {
    ...loadout,
    picks: new Map([...loadout.picks].filter(([id, p]) => p.granted || id === selection.id)),
  };
  const stopAfter = Math.floor(random() * 90);
  const nodes = tree.nodes.filter((n) => n.type !== 3);
  for (let step = 0; step < stopAfter; step++) {
    // Try the nodes in a random order and buy a rank of the first the game allows.
    const order = nodes.map((n) => [random(), n] as const).sort((a, b) => a[0] - b[0]);
    let bought = false;
    for (const [, node] of order) {
      const pick = loadout.picks.get(node.id);
      if (pick?.granted) continue;
      const choice = pick?.choice ?? (node.type === 2 ? Math.floor(random() * node.entries.length) : 0);
      const next: NodePick = { choice, ranks: (pick?.ranks ?? 0) + 1, granted: false };
      const trial = { ...loadout, picks: new Map(loadout.picks).set(node.id, next) };
      if (checkLoadout(tree, trial).length > 0) continue;
      loadout = trial;
      bought = true;
      break;
    }
    if (!bought) break;
  }
  return loadout;
}

describe('talent loadout strings on the live hunter tree 774', () => {
  it.each([253, 254, 255])(
    'decodes the game starter build of spec %i and re-encodes it byte-exact',
    (specId) => {
      const starter = starterLoadout(tree, specId)!;
      expect(checkLoadout(tree, starter)).toEqual([]);
      const text = encodeLoadout(tree, starter);
      const back = decoded(text);
      expect(back.specId).toBe(specId);
      expect(new Map(back.picks)).toEqual(new Map(starter.picks));
      expect(encodeLoadout(tree, back)).toBe(text);
    },
  );

  it("decodes SimulationCraft's shipped Beast Mastery string: Pack Leader, 34 + 34 + 13 points, byte-exact again", () => {
    const loadout = decoded(SIMC_MID1_BM_TALENTS);
    expect(loadout.heroTreeId).toBe(PACK_LEADER);
    const spent = new Map<number, number>();
    const nodes = byId();
    for (const [id, pick] of loadout.picks) {
      const node = nodes.get(id)!;
      if (!pick.granted) spent.set(node.currencyId, (spent.get(node.currencyId) ?? 0) + pick.ranks);
    }
    expect(spent.get(2801)).toBe(34);
    expect(spent.get(2800)).toBe(34);
    expect(spent.get(2987)).toBe(13);
    expect(encodeLoadout(tree, loadout)).toBe(SIMC_MID1_BM_TALENTS);
    const talents = chosenTalents(tree, loadout);
    expect(talents.heroTree).toEqual({ id: PACK_LEADER, name: 'Pack Leader' });
    expect(talents.ranks.get('howl_of_the_pack_leader')).toBe(1);
    expect(talents.ranks.get('black_arrow')).toBe(0);
    expect(talents.ranks.has('killer_cobra')).toBe(true);
  });

  it('round-trips 150 seeded random legal loadouts of every spec and hero tree, in both string versions', () => {
    const random = rng(20261202);
    for (let i = 0; i < 150; i++) {
      const specId = [253, 254, 255][i % 3]!;
      const loadout = randomLegalLoadout(specId, Math.floor(i / 3) % 2, random);
      expect(checkLoadout(tree, loadout)).toEqual([]);
      for (const version of [2, 1]) {
        const text = encodeLoadout(tree, { ...loadout, header: { version, treeHash: [] } });
        const back = decoded(text);
        expect(back.heroTreeId).toBe(loadout.heroTreeId);
        expect(new Map(back.picks)).toEqual(new Map(loadout.picks));
        expect(encodeLoadout(tree, back)).toBe(text);
      }
    }
  });

  describe('refuses what the game refuses, naming the node and the reason', () => {
    const base = () => withHeroTree(tree, starterLoadout(tree, BM)!, PACK_LEADER);
    const encodeWith = (edit: (picks: Map<number, NodePick>) => void, heroTreeId = PACK_LEADER) => {
      const loadout = base();
      edit(loadout.picks);
      return encodeLoadout(tree, { ...loadout, heroTreeId });
    };

    it("another spec's node", () => {
      // A node only Marksmanship sees.
      const mm = tree.nodes.find((n) => n.specIds.length === 1 && n.specIds[0] === 254 && n.type === 0)!;
      const text = encodeWith((p) => p.set(mm.id, { choice: 0, ranks: 1, granted: false }));
      expect(problemsOf(text)).toContainEqual(
        expect.stringContaining(`(node ${mm.id}) belongs to another specialization's tree`),
      );
    });

    it('a node whose prerequisites are not taken', () => {
      // A Beast Mastery node below the first row, taken alone.
      const nodes = byId();
      const orphan = tree.nodes.find(
        (n) =>
          n.specIds.includes(BM) &&
          n.subTreeId === 0 &&
          n.type === 0 &&
          n.requiredSpent === 0 &&
          n.parents.some((p) => nodes.get(p)?.specIds.includes(BM)),
      )!;
      const text = encodeLoadout(tree, {
        specId: BM,
        heroTreeId: 0,
        picks: new Map([[orphan.id, { choice: 0, ranks: 1, granted: false }]]),
      });
      expect(problemsOf(text)).toContainEqual(
        expect.stringMatching(new RegExp(`\\(node ${orphan.id}\\) needs .* fully ranked first`)),
      );
    });

    it('a node behind a gate whose points are not spent above it', () => {
      const gated = tree.nodes.find((n) => n.specIds.includes(BM) && n.requiredSpent === 20)!;
      const text = encodeLoadout(tree, {
        specId: BM,
        heroTreeId: 0,
        picks: new Map([[gated.id, { choice: 0, ranks: 1, granted: false }]]),
      });
      expect(problemsOf(text)).toContainEqual(
        expect.stringContaining(
          `(node ${gated.id}) is behind a gate: it needs 20 spec talent points spent above it, the loadout spends 0 there`,
        ),
      );
    });

    it('more points than a level-90 character has', () => {
      const text = encodeWith((p) => {
        for (const node of tree.nodes) {
          if (node.currencyId === 2801 && node.specIds.length === 0 && !p.has(node.id)) {
            p.set(node.id, { choice: 0, ranks: node.entries[0]!.maxRanks, granted: false });
          }
        }
      });
      expect(problemsOf(text)).toContainEqual(
        expect.stringMatching(/spends \d+ class talent points; a level-90 character has 34/),
      );
    });

    it('two hero trees at once', () => {
      const dark = tree.nodes.find(
        (n) => n.subTreeId === DARK_RANGER && n.specIds.includes(BM) && n.grantedSpecIds.length === 0,
      )!;
      const text = encodeWith((p) => p.set(dark.id, { choice: 0, ranks: 1, granted: false }));
      expect(problemsOf(text)).toContainEqual(
        expect.stringContaining(
          `(node ${dark.id}) is a Dark Ranger hero talent, but the loadout chose Pack Leader: one hero tree at a time`,
        ),
      );
    });

    it('a node marked free that the game does not grant', () => {
      const text = encodeWith((p) => p.set(102340, { choice: 0, ranks: 1, granted: true }));
      expect(problemsOf(text)).toContainEqual(
        'Bestial Wrath (node 102340) is marked free, but the game does not grant it to this specialization',
      );
    });

    it('a string for a bigger or smaller tree', () => {
      expect(problemsOf(`${SIMC_MID1_BM_TALENTS}AAAA`)).toEqual([
        expect.stringContaining('longer than the 211 talent nodes'),
      ]);
      expect(problemsOf(SIMC_MID1_BM_TALENTS.slice(0, 60))).toEqual([
        expect.stringContaining('ends before all 211 talent nodes'),
      ]);
    });

    it('reaches the player as a profile error on the talents line, column at the node', async () => {
      const text = encodeWith((p) => p.set(102340, { choice: 0, ranks: 1, granted: true }));
      const parsed = parseProfile(
        ['hunter="T"', 'level=90', 'spec=beast_mastery', `talents=${text}`, 'actions=auto_shot'].join('\n'),
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const bundle = await fixtureBundle(requiredGameData(parsed.profile));
      let error: unknown;
      try {
        createSimulation(parsed.profile, bundle);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ProfileRejectedError);
      const [first] = (error as ProfileRejectedError).errors;
      expect(first).toMatchObject({ code: 'SF_PROFILE_TALENTS_NOT_ALLOWED', line: 4 });
      expect(first!.column).toBeGreaterThan(9 + 24);
    });
  });
});

describe('talent names in the priority list', () => {
  const profile = (condition: string) =>
    [
      'hunter="T"',
      'level=90',
      'spec=beast_mastery',
      `talents=${SIMC_MID1_BM_TALENTS}`,
      `actions=kill_command,if=${condition}`,
    ].join('\n');

  it('every talent of the tree is a name, taken or not; an unknown one is refused with the nearest names', async () => {
    const ok = parseProfile(profile('talent.black_arrow|talent.howl_of_the_pack_leader.rank>=1'));
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    const bundle = await fixtureBundle(requiredGameData(ok.profile));
    expect(() => createSimulation(ok.profile, bundle)).not.toThrow();

    const bad = parseProfile(profile('talent.killer_cobraa'));
    if (!bad.ok) throw new Error(JSON.stringify(bad.errors));
    try {
      createSimulation(bad.profile, bundle);
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as ProfileRejectedError).errors).toEqual([
        expect.objectContaining({
          code: 'SF_PROFILE_UNKNOWN_TALENT',
          line: 5,
          column: 25,
          message: expect.stringContaining("'killer_cobraa'; did you mean 'killer_cobra'?"),
        }),
      ]);
    }
  });
});
