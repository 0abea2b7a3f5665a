// Jobs: submit, list, read, cancel, resubmit, and the owner's share toggle. Every query runs
// as the signed-in user (asUser), so another user's job id simply finds no row.
import { asUser, runQuery } from '@simforge/db';
import type { FastifyInstance } from 'fastify';
import {
  FIGHT_STYLE_NAMES,
  type JobListResponse,
  type JobResponse,
  type JobSummary,
  type ShareRequest,
  type ShareResponse,
  type SubmitJobRequest,
} from '../../api-contract.ts';
import { StudioApiError } from '../api-errors.ts';
import { type JobRow, jobDetail, jobSummary, metaNodeKeys, type TaintRow } from '../job-views.ts';
import type { ResolvedStudioOptions } from '../options.ts';
import type { ProgressRelay } from '../progress-relay.ts';
import { requireUser } from '../request-auth.ts';
import { newToken } from '../session-cookies.ts';
import { checkAgainstGameData, planSubmission } from '../submission.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JOBS_LISTED = 100;

const submitSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['profile'],
    properties: {
      profile: { type: 'string' },
      options: {
        type: 'object',
        additionalProperties: false,
        properties: {
          fightLengthS: { type: 'number', minimum: 10, maximum: 1800 },
          targets: { type: 'integer', minimum: 1, maximum: 20 },
          fightStyle: { enum: FIGHT_STYLE_NAMES },
          strategy: {
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'iterations'],
                properties: { kind: { const: 'fixed' }, iterations: { type: 'integer', minimum: 1 } },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'targetErrorPct'],
                properties: {
                  kind: { const: 'target_error' },
                  targetErrorPct: { type: 'number', minimum: 0.01, maximum: 10 },
                },
              },
            ],
          },
        },
      },
    },
  },
} as const;

const idParams = {
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
} as const;

const shareSchema = {
  ...idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['enabled'],
    properties: { enabled: { type: 'boolean' } },
  },
} as const;

function jobId(id: string): string {
  if (!UUID.test(id)) throw new StudioApiError('SF_STUDIO_JOB_NOT_FOUND');
  return id.toLowerCase();
}

export function registerJobRoutes(
  app: FastifyInstance,
  options: ResolvedStudioOptions,
  relay: ProgressRelay,
) {
  const { db } = options;

  const loadJob = async (userId: string, id: string): Promise<JobRow> => {
    const res = await asUser(db, userId, (tx) => runQuery<JobRow>(tx, 'studio_jobs_get', [jobId(id)]));
    const row = res.rows[0];
    if (!row) throw new StudioApiError('SF_STUDIO_JOB_NOT_FOUND');
    return row;
  };

  app.post<{ Body: SubmitJobRequest; Reply: JobResponse<JobSummary> }>(
    '/api/jobs',
    { schema: submitSchema },
    async (request, reply) => {
      const user = requireUser(request.auth);
      const plan = planSubmission(request.body.profile, request.body.options ?? {}, options);
      await checkAgainstGameData(db, user.id, plan.profile);
      const res = await asUser(db, user.id, (tx) =>
        runQuery<JobRow>(tx, 'studio_jobs_insert', [
          JSON.stringify(plan.simConfig),
          JSON.stringify(plan.sentinelConfig),
        ]),
      );
      const row = res.rows[0]!;
      return reply.code(201).send({
        job: jobSummary(
          { ...row, meta: {}, sentinel_config: plan.sentinelConfig, profile_head: plan.profile },
          null,
        ),
      });
    },
  );

  app.get<{ Reply: JobListResponse }>('/api/jobs', async (request) => {
    const user = requireUser(request.auth);
    const res = await asUser(db, user.id, (tx) => runQuery<JobRow>(tx, 'studio_jobs_list', [JOBS_LISTED]));
    return { jobs: res.rows.map((row) => jobSummary(row, relay.progressOf(row.id))) };
  });

  app.get<{ Params: { id: string }; Reply: JobResponse }>(
    '/api/jobs/:id',
    { schema: idParams },
    async (request) => {
      const user = requireUser(request.auth);
      const row = await loadJob(user.id, request.params.id);
      // Only a completed job can be marked (jobs_taint_for_node.sql) or has the nodes that ran
      // it in its meta; the others skip the reads.
      if (row.status !== 'completed') return { job: jobDetail(row, relay.progressOf(row.id)) };
      const { taints, names } = await asUser(db, user.id, async (tx) => ({
        taints: (await runQuery<TaintRow>(tx, 'studio_job_taints', [row.id])).rows,
        names: (
          await runQuery<{ public_key: string; name: string }>(tx, 'studio_node_names', [
            metaNodeKeys(row.meta),
          ])
        ).rows,
      }));
      const nodeNames = new Map(names.map((n) => [n.public_key, n.name]));
      return { job: jobDetail(row, relay.progressOf(row.id), taints, nodeNames) };
    },
  );

  app.post<{ Params: { id: string }; Reply: JobResponse }>(
    '/api/jobs/:id/cancel',
    { schema: idParams },
    async (request) => {
      const user = requireUser(request.auth);
      const row = await loadJob(user.id, request.params.id);
      if (row.status !== 'pending' && row.status !== 'running')
        throw new StudioApiError('SF_STUDIO_JOB_NOT_CANCELLABLE');
      const res = await asUser(db, user.id, (tx) =>
        runQuery<{ cancelled: boolean }>(tx, 'studio_jobs_cancel', [row.id]),
      );
      // The sentinel may have finished the job between the read and the cancel.
      if (!res.rows[0]?.cancelled) throw new StudioApiError('SF_STUDIO_JOB_NOT_CANCELLABLE');
      return { job: jobDetail(await loadJob(user.id, row.id), null) };
    },
  );

  app.post<{ Params: { id: string }; Reply: JobResponse<JobSummary> }>(
    '/api/jobs/:id/resubmit',
    { schema: idParams },
    async (request, reply) => {
      const user = requireUser(request.auth);
      const row = await loadJob(user.id, request.params.id);
      if (row.status !== 'failed') throw new StudioApiError('SF_STUDIO_JOB_NOT_FAILED');
      // The same configuration, seed included: a resubmitted job reproduces what the failed
      // one would have produced.
      const res = await asUser(db, user.id, (tx) =>
        runQuery<JobRow>(tx, 'studio_jobs_insert', [
          JSON.stringify(row.sim_config),
          JSON.stringify(row.sentinel_config),
        ]),
      );
      const created = res.rows[0]!;
      return reply.code(201).send({
        job: jobSummary(
          {
            ...created,
            meta: {},
            sentinel_config: row.sentinel_config,
            profile_head: row.sim_config?.profile,
          },
          null,
        ),
      });
    },
  );

  app.put<{ Params: { id: string }; Body: ShareRequest; Reply: ShareResponse }>(
    '/api/jobs/:id/share',
    { schema: shareSchema },
    async (request) => {
      const user = requireUser(request.auth);
      const row = await loadJob(user.id, request.params.id);
      if (row.status !== 'completed') throw new StudioApiError('SF_STUDIO_JOB_NOT_COMPLETED');
      const shareToken = await asUser(db, user.id, async (tx) => {
        if (!request.body.enabled) {
          await runQuery(tx, 'studio_share_disable', [row.id]);
          return null;
        }
        await runQuery(tx, 'studio_share_enable', [row.id, newToken()]);
        const res = await runQuery<{ token: string }>(tx, 'studio_share_token', [row.id]);
        return res.rows[0]?.token ?? null;
      });
      return { shareToken };
    },
  );
}
