/** OID of Postgres `int8`. */
export const INT8_OID = 20;

/**
 * Both drivers read `bigint` columns the same way: a JS number while it is exact, a BigInt
 * beyond 2^53. `pg` alone would return strings and PGlite numbers; one rule avoids code
 * that works on one driver only. Counters like `iterations_total` stay plain numbers.
 */
export function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}
