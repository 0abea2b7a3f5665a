// The scheduler's gate: a sim_config the engine rejects fails its job at once, with the
// engine's messages (line and column) in meta, instead of failing on every node later.

import { formatProfileError, parseProfile } from '@simforge/engine';
import type { SimConfigVerdict } from './options.ts';

export function engineSimConfigCheck(simConfig: unknown): SimConfigVerdict {
  const profile = (simConfig as { profile?: unknown } | null)?.profile;
  if (typeof profile !== 'string') return { ok: false, message: 'sim_config.profile must be a string' };
  const parsed = parseProfile(profile);
  if (parsed.ok) return { ok: true };
  return {
    ok: false,
    message: parsed.errors.map(formatProfileError).join('\n'),
    errors: parsed.errors,
  };
}
