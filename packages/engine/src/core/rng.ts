// Seeded pseudo-random numbers. xoshiro128** (32-bit state words, fast with Math.imul) seeded
// through splitmix32 from (jobSeed, iterationIndex): iteration i of a job draws only from its
// own stream, so any split of iterations into chunks reproduces the same numbers.

const TWO_POW_32 = 4294967296;

/** One step of splitmix32: a strong 32-bit mixer used only to derive seeds. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(jobSeed: number, iterationIndex: number) {
    this.reseed(jobSeed, iterationIndex);
  }

  /** Re-derives the stream of (jobSeed, iterationIndex) without allocating. */
  reseed(jobSeed: number, iterationIndex: number): void {
    // Mix the two words separately before combining so (s, i) and (i, s) differ.
    let s = splitmix32(jobSeed >>> 0) ^ splitmix32((iterationIndex >>> 0) ^ 0x5bd1e995);
    s = splitmix32(s + Math.floor(iterationIndex / TWO_POW_32));
    this.a = s = splitmix32(s);
    this.b = s = splitmix32(s);
    this.c = s = splitmix32(s);
    this.d = splitmix32(s);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** Uniform unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /** Uniform real in [0, 1). */
  real(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** True with probability p (p outside [0,1] is clamped by the comparison). */
  roll(p: number): boolean {
    return this.real() < p;
  }

  /** Uniform real in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.real();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
