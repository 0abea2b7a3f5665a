// GET /api/share/:token: one completed result, readable without an account. Only the
// fields the result page draws leave the server: no user id, no configs, no other job.
import { profilesetChanges } from '@simforge/engine';
import type { FastifyInstance } from 'fastify';
import type { SharedResultResponse } from '../../api-contract.ts';
import { StudioApiError } from '../api-errors.ts';
import { sharedResult } from '../gatekeeper.ts';
import { profileTitle, resultTaint, runFromMeta, toHex } from '../job-views.ts';
import type { ResolvedStudioOptions } from '../options.ts';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function registerShareRoutes(app: FastifyInstance, options: ResolvedStudioOptions): void {
  app.get<{ Params: { token: string }; Reply: SharedResultResponse }>(
    '/api/share/:token',
    async (request, reply) => {
      const { token } = request.params;
      if (!TOKEN.test(token)) throw new StudioApiError('SF_STUDIO_SHARE_NOT_FOUND');
      const row = await sharedResult(options.db, token);
      if (!row?.result_pb) throw new StudioApiError('SF_STUDIO_SHARE_NOT_FOUND');
      // A link can be turned off: let no shared cache keep serving it.
      reply.header('cache-control', 'no-store');
      return {
        result: {
          title: profileTitle(row.profile),
          createdAt: new Date(row.created_at).toISOString(),
          run: runFromMeta(row.meta, { nodeNames: null }),
          resultHex: toHex(row.result_pb),
          timelineHex: toHex(row.timeline_pb),
          // The warning travels with the link: whoever reads a shared number should know it.
          taints: row.taints.map(resultTaint),
          comparison: profilesetChanges(row.profile ?? ''),
        },
      };
    },
  );
}
