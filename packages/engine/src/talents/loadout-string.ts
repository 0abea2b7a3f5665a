// Blizzard's talent loadout export string (the `talents=` line SimulationCraft and the game
// share), as bits only: which node records it holds, not whether the game would allow them
// (loadout.ts checks that against the tree). Base64 digits, each carrying 6 bits least
// significant first, read as one little-endian bit stream. Header: serialization version (8
// bits), specialization id (16), tree hash (128). Then one record per node of the whole tree
// (every spec's nodes, every hero tree's, the hero selection nodes) in ascending node id:
//   selected (1)
//   version >= 2 and selected: purchased (1); a granted (free) node is selected, not purchased
//   purchased (or version 1 and selected): partially ranked (1), ranks (6) when partial,
//     choice node (1), the chosen entry's index (2) when it is a choice node
// The string ends with zero bits up to the next whole digit.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]));

export const SUPPORTED_LOADOUT_VERSIONS = [1, 2] as const;
/** The version the game writes today, and the one we encode. */
export const CURRENT_LOADOUT_VERSION = 2;
const RANK_BITS = 6;
const CHOICE_BITS = 2;
const HASH_BYTES = 16;

export interface LoadoutFailure {
  /** 0-based offset into the string of the offending character (or its end). */
  offset: number;
  message: string;
}

class BitReader {
  private bitPos = 0;
  constructor(private readonly digits: number[]) {}

  get bitsLeft(): number {
    return this.digits.length * 6 - this.bitPos;
  }

  /** Offset of the character holding the next bit, for error positions. */
  get charOffset(): number {
    return Math.floor(this.bitPos / 6);
  }

  read(width: number): number | null {
    if (width > this.bitsLeft) return null;
    let value = 0;
    for (let i = 0; i < width; i++) {
      const digit = this.digits[Math.floor(this.bitPos / 6)]!;
      value += ((digit >> (this.bitPos % 6)) & 1) * 2 ** i;
      this.bitPos++;
    }
    return value;
  }
}

class BitWriter {
  private readonly bits: number[] = [];

  write(value: number, width: number): void {
    for (let i = 0; i < width; i++) this.bits.push(Math.floor(value / 2 ** i) % 2);
  }

  toString(): string {
    let out = '';
    for (let i = 0; i < this.bits.length; i += 6) {
      let digit = 0;
      for (let j = 0; j < 6; j++) digit |= (this.bits[i + j] ?? 0) << j;
      out += ALPHABET[digit];
    }
    return out;
  }
}

export interface LoadoutHeader {
  version: number;
  specId: number;
  /** The 16 hash bytes as written (SimulationCraft writes zeros; the game its tree's hash). */
  treeHash: number[];
}

function readHeader(text: string): { header: LoadoutHeader; reader: BitReader } | LoadoutFailure {
  if (text.length === 0) return { offset: 0, message: 'the talents string is empty' };
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const d = DIGIT.get(text[i]!);
    if (d === undefined) return { offset: i, message: `'${text[i]}' is not a base64 character` };
    digits.push(d);
  }
  const reader = new BitReader(digits);
  const version = reader.read(8);
  const specId = reader.read(16);
  const treeHash: number[] = [];
  for (let i = 0; i < HASH_BYTES; i++) {
    const byte = reader.read(8);
    if (byte === null) break;
    treeHash.push(byte);
  }
  if (version === null || specId === null || treeHash.length < HASH_BYTES || reader.bitsLeft === 0) {
    return { offset: text.length, message: 'the talents string is too short to hold a loadout header' };
  }
  if (!(SUPPORTED_LOADOUT_VERSIONS as readonly number[]).includes(version)) {
    return { offset: 0, message: `loadout serialization version ${version} is not supported (1 or 2)` };
  }
  return { header: { version, specId, treeHash }, reader };
}

export function readLoadoutHeader(text: string): LoadoutHeader | LoadoutFailure {
  const read = readHeader(text);
  return 'offset' in read ? read : read.header;
}

/** One selected node as the string records it. */
export interface NodeRecord {
  nodeId: number;
  /** Selected but not purchased: the game gave it for free. */
  granted: boolean;
  /** Purchased ranks when partially ranked; null when the node is fully ranked. */
  ranks: number | null;
  /** The chosen entry's index for a choice or hero selection node; null for other nodes. */
  choice: number | null;
  /** Offset of the character holding the record's first bit, for error positions. */
  offset: number;
}

export interface LoadoutRecords {
  header: LoadoutHeader;
  records: NodeRecord[];
}

/** Reads the node records for a tree whose node ids, ascending, are `nodeIds`. */
export function readLoadoutRecords(
  text: string,
  nodeIds: readonly number[],
): LoadoutRecords | LoadoutFailure {
  const read = readHeader(text);
  if ('offset' in read) return read;
  const { header, reader } = read;
  const records: NodeRecord[] = [];
  const truncated = (): LoadoutFailure => ({
    offset: text.length,
    message: `the talents string ends before all ${nodeIds.length} talent nodes of the tree are described; it was exported for another tree or patch`,
  });
  for (const nodeId of nodeIds) {
    const offset = reader.charOffset;
    const selected = reader.read(1);
    if (selected === null) return truncated();
    if (selected === 0) continue;
    const purchased = header.version >= 2 ? reader.read(1) : 1;
    if (purchased === null) return truncated();
    if (purchased === 0) {
      records.push({ nodeId, granted: true, ranks: null, choice: null, offset });
      continue;
    }
    const partial = reader.read(1);
    if (partial === null) return truncated();
    let ranks: number | null = null;
    if (partial === 1) {
      ranks = reader.read(RANK_BITS);
      if (ranks === null) return truncated();
    }
    const isChoice = reader.read(1);
    if (isChoice === null) return truncated();
    let choice: number | null = null;
    if (isChoice === 1) {
      choice = reader.read(CHOICE_BITS);
      if (choice === null) return truncated();
    }
    records.push({ nodeId, granted: false, ranks, choice, offset });
  }
  // What is left must be the zero padding of the last digit: more means another, larger tree.
  const left = reader.bitsLeft;
  const rest = reader.read(left);
  if (left >= 6 || (rest !== null && rest !== 0)) {
    return {
      offset: reader.charOffset - Math.ceil(left / 6),
      message: `the talents string is longer than the ${nodeIds.length} talent nodes of the tree; it was exported for another tree or patch`,
    };
  }
  return { header, records };
}

/** Writes node records (in `nodeIds` order; records of other nodes are ignored). */
export function writeLoadoutRecords(
  header: LoadoutHeader,
  nodeIds: readonly number[],
  records: ReadonlyMap<number, Omit<NodeRecord, 'nodeId' | 'offset'>>,
): string {
  const out = new BitWriter();
  out.write(header.version, 8);
  out.write(header.specId, 16);
  for (let i = 0; i < HASH_BYTES; i++) out.write(header.treeHash[i] ?? 0, 8);
  for (const nodeId of nodeIds) {
    const record = records.get(nodeId);
    out.write(record ? 1 : 0, 1);
    if (!record) continue;
    if (header.version >= 2) out.write(record.granted ? 0 : 1, 1);
    if (record.granted && header.version >= 2) continue;
    out.write(record.ranks === null ? 0 : 1, 1);
    if (record.ranks !== null) out.write(record.ranks, RANK_BITS);
    out.write(record.choice === null ? 0 : 1, 1);
    if (record.choice !== null) out.write(record.choice, CHOICE_BITS);
  }
  return out.toString();
}

/** The largest rank and choice index the string format can carry. */
export const MAX_RECORD_RANKS = 2 ** RANK_BITS - 1;
export const MAX_RECORD_CHOICE = 2 ** CHOICE_BITS - 1;
