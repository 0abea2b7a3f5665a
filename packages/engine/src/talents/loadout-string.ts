// Blizzard's talent loadout export string (the `talents=` line SimulationCraft and the game
// share): base64 digits, each carrying 6 bits least-significant first, read as one
// little-endian bit stream. Header: serialization version (8 bits), specialization id (16),
// tree hash (128). Then one record per node of the class tree in ascending node id order:
// selected (1); if selected and version >= 2, purchased (1) (granted nodes are selected but
// not purchased); if purchased, partially ranked (1) then ranks (6) when partial; choice
// node (1) then the chosen entry index (2) when it is a choice node.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]));

export const SUPPORTED_LOADOUT_VERSIONS = [1, 2] as const;

export interface LoadoutFailure {
  /** 0-based offset into the string of the offending character (or its end). */
  offset: number;
  message: string;
}

class BitReader {
  private bitPos = 0;
  constructor(private readonly digits: number[]) {}

  get exhausted(): boolean {
    return this.bitPos >= this.digits.length * 6;
  }

  /** Offset of the character holding the next bit, for error positions. */
  get charOffset(): number {
    return Math.floor(this.bitPos / 6);
  }

  read(width: number): number | null {
    let value = 0;
    for (let i = 0; i < width; i++) {
      const digit = this.digits[Math.floor(this.bitPos / 6)];
      if (digit === undefined) return null;
      const bit = (digit >> (this.bitPos % 6)) & 1;
      value += bit * 2 ** i;
      this.bitPos++;
    }
    return value;
  }
}

export interface LoadoutHeader {
  version: number;
  specId: number;
  reader: BitReader;
}

export function readLoadoutHeader(text: string): LoadoutHeader | LoadoutFailure {
  if (text.length === 0) return { offset: 0, message: 'the talents string is empty' };
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const d = DIGIT.get(text[i]!);
    if (d === undefined) {
      return { offset: i, message: `'${text[i]}' is not a base64 character` };
    }
    digits.push(d);
  }
  const reader = new BitReader(digits);
  const version = reader.read(8);
  const specId = reader.read(16);
  for (let i = 0; i < 16; i++) {
    if (reader.read(8) === null) break;
  }
  if (version === null || specId === null || reader.exhausted) {
    return { offset: text.length, message: 'the talents string is too short to hold a loadout header' };
  }
  if (!(SUPPORTED_LOADOUT_VERSIONS as readonly number[]).includes(version)) {
    return { offset: 0, message: `loadout serialization version ${version} is not supported (1 or 2)` };
  }
  return { version, specId, reader };
}

/** The tree a loadout is decoded against: every node of the class tree, ascending id. */
export interface LoadoutTree {
  nodes: ReadonlyArray<{
    id: number;
    isChoice: boolean;
    entries: ReadonlyArray<{ id: number; spellId: number; maxRanks: number }>;
  }>;
}

export interface TalentSelection {
  nodeId: number;
  entryId: number;
  spellId: number;
  ranks: number;
  granted: boolean;
}

export function decodeLoadout(text: string, tree: LoadoutTree): TalentSelection[] | LoadoutFailure {
  const header = readLoadoutHeader(text);
  if ('offset' in header) return header;
  const { reader, version } = header;
  const selections: TalentSelection[] = [];
  const truncated = (): LoadoutFailure => ({
    offset: text.length,
    message: `the talents string ends before all ${tree.nodes.length} talent nodes are described`,
  });
  for (const node of tree.nodes) {
    const selected = reader.read(1);
    if (selected === null) return truncated();
    if (selected === 0) continue;
    let purchased = 1;
    if (version >= 2) {
      const p = reader.read(1);
      if (p === null) return truncated();
      purchased = p;
    }
    let ranks: number | null = null;
    let choice = 0;
    if (purchased === 1) {
      const partial = reader.read(1);
      if (partial === null) return truncated();
      if (partial === 1) {
        ranks = reader.read(6);
        if (ranks === null) return truncated();
      }
      const isChoice = reader.read(1);
      if (isChoice === null) return truncated();
      if (isChoice === 1) {
        const c = reader.read(2);
        if (c === null) return truncated();
        choice = c;
      }
    }
    const entry = node.entries[choice];
    if (!entry) {
      return {
        offset: reader.charOffset,
        message: `talent node ${node.id} has no choice ${choice + 1}; the string was exported for another patch`,
      };
    }
    selections.push({
      nodeId: node.id,
      entryId: entry.id,
      spellId: entry.spellId,
      ranks: ranks ?? entry.maxRanks,
      granted: purchased === 0,
    });
  }
  return selections;
}

/** Inverse of decodeLoadout, for tests and for authoring the default profile. */
export function encodeLoadout(
  specId: number,
  tree: LoadoutTree,
  chosen: ReadonlyMap<number, { choice?: number; ranks?: number }>,
): string {
  const bits: number[] = [];
  const write = (value: number, width: number) => {
    for (let i = 0; i < width; i++) bits.push(Math.floor(value / 2 ** i) % 2);
  };
  write(2, 8);
  write(specId, 16);
  write(0, 128);
  for (const node of tree.nodes) {
    const pick = chosen.get(node.id);
    if (!pick) {
      write(0, 1);
      continue;
    }
    write(1, 1);
    write(1, 1);
    const entry = node.entries[pick.choice ?? 0];
    const partial = pick.ranks !== undefined && entry !== undefined && pick.ranks < entry.maxRanks;
    write(partial ? 1 : 0, 1);
    if (partial) write(pick.ranks!, 6);
    write(node.isChoice ? 1 : 0, 1);
    if (node.isChoice) write(pick.choice ?? 0, 2);
  }
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let digit = 0;
    for (let j = 0; j < 6; j++) digit |= (bits[i + j] ?? 0) << j;
    out += ALPHABET[digit];
  }
  return out;
}
