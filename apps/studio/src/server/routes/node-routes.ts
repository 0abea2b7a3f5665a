// Nodes: list (with each node's trust record), link by claim code, rename and set
// parallelism, re-link a quarantined node; all as the signed-in user.
import { asUser, runQuery, sqlState } from '@simforge/db';
import type { FastifyInstance } from 'fastify';
import type {
  ClaimNodeRequest,
  NodeListResponse,
  NodeResponse,
  NodeView,
  UpdateNodeRequest,
} from '../../api-contract.ts';
import { StudioApiError } from '../api-errors.ts';
import type { ResolvedStudioOptions } from '../options.ts';
import { requireUser } from '../request-auth.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Claim codes are short words a person types; anything else cannot be one.
const CLAIM_CODE = /^[A-Za-z0-9-]{4,32}$/;

interface NodeRow {
  id: string;
  public_key: string;
  name: string;
  status: NodeView['status'];
  total_cores: number;
  max_parallel: number;
  platform: string;
  version: string;
  last_seen_at: Date | string | null;
  iterations_total: string | number | bigint;
  chunks_total: string | number | bigint;
  trust_checks: string | number | bigint;
  trust_agreements: string | number | bigint;
  trust_disagreements: number;
  trust_refusals: number;
  verification_rate: number;
  quarantine_reason: string | null;
  quarantined_at: Date | string | null;
}

function isoOrNull(value: Date | string | null): string | null {
  return value ? new Date(value).toISOString() : null;
}

function nodeView(row: NodeRow): NodeView {
  return {
    id: row.id,
    name: row.name,
    publicKey: row.public_key,
    status: row.status,
    totalCores: row.total_cores,
    maxParallel: row.max_parallel,
    platform: row.platform || null,
    version: row.version || null,
    lastSeenAt: isoOrNull(row.last_seen_at),
    iterationsTotal: Number(row.iterations_total),
    chunksTotal: Number(row.chunks_total),
    trust: {
      checks: Number(row.trust_checks),
      agreements: Number(row.trust_agreements),
      disagreements: row.trust_disagreements,
      refusals: row.trust_refusals,
      // real: a float4 such as 0.05 reads back as 0.0500000007; the page shows a percentage.
      verificationRate: Number(row.verification_rate),
      quarantineReason: row.quarantine_reason,
      quarantinedAt: isoOrNull(row.quarantined_at),
    },
  };
}

const claimSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['code'],
    properties: { code: { type: 'string', maxLength: 64 } },
  },
} as const;

const idParams = {
  params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
} as const;

const relinkSchema = {
  ...idParams,
  body: { type: 'object', additionalProperties: false, properties: {} },
} as const;

const updateSchema = {
  ...idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      maxParallel: { type: 'integer', minimum: 1, maximum: 1024 },
    },
  },
} as const;

export function registerNodeRoutes(app: FastifyInstance, options: ResolvedStudioOptions): void {
  const { db } = options;

  const listNodes = async (userId: string) => {
    const res = await asUser(db, userId, (tx) => runQuery<NodeRow>(tx, 'studio_nodes_list'));
    return res.rows.map(nodeView);
  };

  app.get<{ Reply: NodeListResponse }>('/api/nodes', async (request) => {
    const user = requireUser(request.auth);
    return { nodes: await listNodes(user.id) };
  });

  app.post<{ Body: ClaimNodeRequest; Reply: NodeResponse }>(
    '/api/nodes/claim',
    { schema: claimSchema },
    async (request, reply) => {
      const user = requireUser(request.auth);
      // Codes are Crockford base32 in capitals; people type them in any case.
      const code = request.body.code.trim().toUpperCase();
      if (!CLAIM_CODE.test(code)) throw new StudioApiError('SF_STUDIO_CLAIM_CODE_INVALID');
      let nodeId: string;
      try {
        const res = await asUser(db, user.id, (tx) =>
          runQuery<{ id: string }>(tx, 'studio_nodes_claim', [code]),
        );
        nodeId = res.rows[0]!.id;
      } catch (error) {
        // claim_node raises P0002 (no_data_found) for an unknown or already used code.
        if (sqlState(error) === 'P0002')
          throw new StudioApiError('SF_STUDIO_CLAIM_CODE_INVALID', { cause: error });
        throw error;
      }
      const nodes = await listNodes(user.id);
      return reply.code(201).send({ node: nodes.find((n) => n.id === nodeId) ?? null });
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateNodeRequest; Reply: NodeResponse }>(
    '/api/nodes/:id',
    { schema: updateSchema },
    async (request) => {
      const user = requireUser(request.auth);
      const { id } = request.params;
      if (!UUID.test(id)) throw new StudioApiError('SF_STUDIO_NODE_NOT_FOUND');
      const name = request.body.name?.trim();
      if (name !== undefined && name.length === 0) {
        throw new StudioApiError('SF_STUDIO_BODY_INVALID', { message: 'A node name cannot be blank.' });
      }
      const res = await asUser(db, user.id, (tx) =>
        runQuery<{ id: string }>(tx, 'studio_nodes_update', [
          id,
          name ?? null,
          request.body.maxParallel ?? null,
        ]),
      );
      if (res.rows.length === 0) throw new StudioApiError('SF_STUDIO_NODE_NOT_FOUND');
      const nodes = await listNodes(user.id);
      return { node: nodes.find((n) => n.id === id) ?? null };
    },
  );

  // A quarantined node gets no work until its owner takes it back; it then starts over with
  // every result checked (relink_node, migration 0020).
  app.post<{ Params: { id: string }; Body: Record<string, never>; Reply: NodeResponse }>(
    '/api/nodes/:id/relink',
    { schema: relinkSchema },
    async (request) => {
      const user = requireUser(request.auth);
      const { id } = request.params;
      if (!UUID.test(id)) throw new StudioApiError('SF_STUDIO_NODE_NOT_QUARANTINED');
      try {
        await asUser(db, user.id, (tx) => runQuery(tx, 'studio_nodes_relink', [id]));
      } catch (error) {
        // relink_node raises P0002 (no_data_found) for another user's node and for a node
        // that is not quarantined alike.
        if (sqlState(error) === 'P0002')
          throw new StudioApiError('SF_STUDIO_NODE_NOT_QUARANTINED', { cause: error });
        throw error;
      }
      const nodes = await listNodes(user.id);
      return { node: nodes.find((n) => n.id === id.toLowerCase()) ?? null };
    },
  );
}
