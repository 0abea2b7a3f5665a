// The Simulate page's check of a profile against the game data: what a submit checks (size,
// syntax, talent string, talent and spell names, items), without inserting a job, answering
// the talents as the engine reads them and every warning the job will record, so the page can
// show them before a run.
import { talentsView } from '@simforge/common';
import { profilesetNames } from '@simforge/engine';
import type { FastifyInstance } from 'fastify';
import type { ProfileCheckRequest, ProfileCheckResponse } from '../../api-contract.ts';
import { StudioApiError } from '../api-errors.ts';
import type { ResolvedStudioOptions } from '../options.ts';
import { requireUser } from '../request-auth.ts';
import { SlidingWindow } from '../sliding-window.ts';
import { checkAgainstGameData, planSubmission } from '../submission.ts';

/** Variants whose check costs as much as one profile's, for the rate limit. */
const VARIANTS_PER_CHECK = 50;

const checkSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['profile'],
    properties: { profile: { type: 'string' } },
  },
} as const;

export function registerProfileRoutes(app: FastifyInstance, options: ResolvedStudioOptions): void {
  // The editor asks after each pause in typing; the check loads game data and runs the
  // engine's, so one user (or one script) gets at most this many a minute.
  const checks = new SlidingWindow(options.profileChecksPerMinute, 60_000, options.clock);
  app.post<{ Body: ProfileCheckRequest; Reply: ProfileCheckResponse }>(
    '/api/profiles/check',
    { schema: checkSchema },
    async (request) => {
      const user = requireUser(request.auth);
      // A comparison's check compiles every variant: 50 of them cost one more check.
      const weight = 1 + Math.floor(profilesetNames(request.body.profile).length / VARIANTS_PER_CHECK);
      if (!checks.take(user.id, weight)) throw new StudioApiError('SF_STUDIO_RATE_LIMITED');
      const plan = planSubmission(request.body.profile, {}, options);
      const checked = await checkAgainstGameData(options.db, user.id, plan.profile);
      return checked === null
        ? { talents: null, warnings: null }
        : { talents: talentsView(checked.talents), warnings: checked.warnings };
    },
  );
}
