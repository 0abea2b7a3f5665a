// From what the Simulate form sends to the two configs a job row carries. The fight options
// are appended to the profile as SimulationCraft option lines, exactly as options given after
// a profile on SimulationCraft's command line override it: sim_config stays the verbatim text
// a player can paste into SimulationCraft, and the line numbers of their own text are unchanged.
import { type JobTalents, parseSentinelConfig, type ResultWarning } from '@simforge/common';
import type { Database } from '@simforge/db';
import {
  checkProfileWithData,
  MAX_PROFILESETS,
  type ProfileCheck,
  parseProfileset,
  planJob,
  type SentinelConfig,
  type SimConfig,
} from '@simforge/engine';
import { GameDataError, userBundleLoader } from '@simforge/gamedata';
import type { SubmitOptions } from '../api-contract.ts';
import { StudioApiError } from './api-errors.ts';
import type { ResolvedStudioOptions } from './options.ts';

const PROFILESET_NAME = /^[^\S\r\n]*profileset\.(?:"([^"]*)"|([A-Za-z0-9_.-]+))/gim;

export interface PlannedSubmission {
  /** The profile as stored: the player's text plus the appended option lines. */
  profile: string;
  simConfig: SimConfig;
  sentinelConfig: SentinelConfig;
}

export function optionLines(options: SubmitOptions): string[] {
  const lines: string[] = [];
  if (options.fightLengthS !== undefined) lines.push(`max_time=${options.fightLengthS}`);
  if (options.targets !== undefined) lines.push(`desired_targets=${options.targets}`);
  if (options.fightStyle !== undefined) lines.push(`fight_style=${options.fightStyle}`);
  const strategy = options.strategy;
  if (strategy?.kind === 'fixed') lines.push(`iterations=${strategy.iterations}`, 'target_error=0');
  if (strategy?.kind === 'target_error') lines.push(`target_error=${strategy.targetErrorPct}`);
  return lines;
}

export function planSubmission(
  profileText: string,
  options: SubmitOptions,
  limits: Pick<ResolvedStudioOptions, 'maxProfileBytes' | 'maxIterations'>,
): PlannedSubmission {
  const bytes = Buffer.byteLength(profileText, 'utf8');
  if (bytes > limits.maxProfileBytes) {
    // A paste of thousands of variants is the usual way here: say so, not only the bytes.
    const variants = new Set([...profileText.matchAll(PROFILESET_NAME)].map((m) => m[1] ?? m[2])).size;
    const why =
      variants > MAX_PROFILESETS
        ? ` It holds ${variants.toLocaleString('en-US')} profileset variants; a comparison runs at most ${MAX_PROFILESETS}.`
        : variants > 0
          ? ` It compares ${variants.toLocaleString('en-US')} variants: leave some out.`
          : '';
    throw new StudioApiError('SF_STUDIO_PROFILE_TOO_LARGE', {
      message: `The profile is ${bytes.toLocaleString('en-US')} bytes; the limit is ${limits.maxProfileBytes.toLocaleString('en-US')}.${why}`,
    });
  }
  if (options.strategy?.kind === 'fixed' && options.strategy.iterations > limits.maxIterations) {
    throw new StudioApiError('SF_STUDIO_BODY_INVALID', {
      message: `At most ${limits.maxIterations.toLocaleString('en-US')} iterations per job.`,
    });
  }
  // Validate the player's own text first so every error names a line they can see.
  const own = parseProfileset(profileText);
  if (!own.ok) throw profileInvalid(own.errors);

  const extra = optionLines(options);
  const profile = extra.length
    ? `${profileText.replace(/\s*$/, '')}\n\n# simforge studio: fight options\n${extra.join('\n')}\n`
    : profileText;
  const planned = planJob(profile, {}, { profilesets: true });
  if (!planned.ok) throw profileInvalid(planned.errors);
  // What the sentinel's admission will check: refused here, before a row exists.
  const config = parseSentinelConfig(planned.sentinelConfig);
  if (!config.ok)
    throw new StudioApiError('SF_STUDIO_BODY_INVALID', {
      message: `The job cannot be planned: ${config.message}.`,
    });
  return { profile, simConfig: planned.simConfig, sentinelConfig: planned.sentinelConfig };
}

/**
 * The nodes' whole check of a profile against the imported game data (talent string, talent
 * and spell names, items), read as the user: a job accepted here cannot fail for its profile.
 * Null when no game data is imported yet (the sentinel then runs the job unpinned).
 */
export async function checkAgainstGameData(
  db: Database,
  userId: string,
  profile: string,
): Promise<{ talents: JobTalents; warnings: ResultWarning[] } | null> {
  let check: ProfileCheck;
  try {
    // Only the reads run in the user's transaction; the engine's check runs after it.
    check = await checkProfileWithData(profile, userBundleLoader(db, userId));
  } catch (error) {
    if (error instanceof GameDataError && error.code === 'SF_GAMEDATA_NO_PATCH') return null;
    throw error;
  }
  if (!check.ok) throw profileInvalid(check.errors);
  return { talents: check.talents, warnings: check.warnings };
}

function profileInvalid(
  errors: ReadonlyArray<{ code: string; line: number; column: number; message: string }>,
) {
  const first = errors[0];
  return new StudioApiError('SF_STUDIO_PROFILE_INVALID', {
    message: first
      ? `The profile has ${errors.length} error${errors.length === 1 ? '' : 's'}; the first is on line ${first.line}: ${first.message}`
      : 'The profile has errors.',
    details: { errors: errors.map(({ code, line, column, message }) => ({ code, line, column, message })) },
  });
}
