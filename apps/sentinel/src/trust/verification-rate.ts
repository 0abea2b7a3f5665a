// How often a node's results are re-computed by a node of another owner. A node starts fully
// checked; after `fullCheckAgreements` agreeing checks the rate falls as fullCheckAgreements /
// agreements (so it halves each time the clean record doubles) down to `floorRate`. A
// disagreement resets the record to zero: full checks again. BOINC's adaptive replication
// does the same with a fuzzy quorum; our replays are exact, so one agreement is proof of that
// chunk, and the rate only decides how often the proof is asked for.

export interface VerificationRateSettings {
  /** Agreeing checks a node needs before it is checked less than always. */
  fullCheckAgreements: number;
  /** The lowest share of a trusted node's results that is still re-computed. */
  floorRate: number;
}

export function verificationRate(agreements: number, settings: VerificationRateSettings): number {
  if (agreements < settings.fullCheckAgreements) return 1;
  return Math.max(settings.floorRate, settings.fullCheckAgreements / agreements);
}

/**
 * The chance that a node lying on a fraction `p` of its chunks is caught within `n` chunks
 * when each of its results is checked with probability `r`: each chunk independently exposes
 * it with probability p * r. docs/sentinel.md states this; a seeded test checks the runtime
 * against it.
 */
export function detectionProbability(p: number, r: number, n: number): number {
  return 1 - (1 - p * r) ** n;
}
