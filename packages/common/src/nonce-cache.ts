// Remembers recently seen request nonces so a captured request cannot be replayed.
//
// A request is only accepted while its timestamp is within maxSkewMs of the server clock, so a
// nonce first seen at time t can only be replayed successfully until t + 2 * maxSkewMs; it is
// remembered exactly that long (windowMs) and then forgotten. Bounded: when full of live
// entries it refuses new ones (the caller answers "retry later") rather than evicting live
// entries, which would reopen the replay window. The sentinel's per-node rate limit keeps it
// far from full in practice.

export interface NonceCacheOptions {
  /** How long a nonce is remembered; use 2 * maxSkewMs of verifyRequest. */
  windowMs: number;
  maxEntries: number;
}

export type NonceOutcome = 'fresh' | 'replayed' | 'full';

export class NonceCache {
  private readonly windowMs: number;
  private readonly maxEntries: number;
  // Insertion order is expiry order, because expiry = first-seen time + a fixed window and
  // the caller's clock does not go backwards (a stalled clock only keeps entries longer).
  private readonly expiresAtMs = new Map<string, number>();

  constructor(options: NonceCacheOptions) {
    if (!(options.windowMs > 0) || !(options.maxEntries > 0)) {
      throw new RangeError('NonceCache needs a positive windowMs and maxEntries');
    }
    this.windowMs = options.windowMs;
    this.maxEntries = options.maxEntries;
  }

  get size(): number {
    return this.expiresAtMs.size;
  }

  /** Records the nonce if it is new; reports a replay if it was seen within the window. */
  checkAndRemember(keyId: string, nonce: string, nowMs: number): NonceOutcome {
    this.expire(nowMs);
    const entry = `${keyId} ${nonce}`;
    if (this.expiresAtMs.has(entry)) return 'replayed';
    if (this.expiresAtMs.size >= this.maxEntries) return 'full';
    this.expiresAtMs.set(entry, nowMs + this.windowMs);
    return 'fresh';
  }

  private expire(nowMs: number): void {
    for (const [entry, expiresAtMs] of this.expiresAtMs) {
      if (expiresAtMs > nowMs) break;
      this.expiresAtMs.delete(entry);
    }
  }
}
