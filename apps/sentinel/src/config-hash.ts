// Nodes fetch a job's configuration by content hash, so equal configs share one immutable,
// cacheable URL. The hash is SHA-256 over canonical JSON (keys sorted at every level), so it
// does not depend on how Postgres ordered the jsonb keys.

import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function configHash(simConfig: unknown, sentinelConfig: unknown): string {
  return createHash('sha256').update(canonicalJson({ simConfig, sentinelConfig })).digest('hex');
}
