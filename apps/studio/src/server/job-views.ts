// Rows of public.jobs as the page sees them (shapes in ../api-contract.ts). Results travel as
// hex text, the form PostgREST returns bytea in, so the browser decodes them with the same
// decodeJobResult either way.

import { profilesetChanges } from '@simforge/engine';
import type {
  JobDetail,
  JobProgress,
  JobStatus,
  JobSummary,
  JobTaint,
  ResultTaint,
  RunView,
  VerificationView,
} from '../api-contract.ts';

export interface JobRow {
  id: string;
  status: JobStatus;
  created_at: Date | string;
  updated_at: Date | string;
  meta: Record<string, unknown> | null;
  sentinel_config: object | null;
  profile_head?: string | null;
  sim_config?: { profile?: string } | null;
  result_pb?: Uint8Array | null;
  timeline_pb?: Uint8Array | null;
  share_token?: string | null;
}

const CHARACTER = /^[ \t]*hunter[ \t]*=[ \t]*"?([^"\r\n]*)"?/m;

/** The character name from the class line, the way the report titles a sim. */
export function profileTitle(profile: string | null | undefined): string {
  const name = profile ? CHARACTER.exec(profile)?.[1]?.trim() : '';
  return name || 'Unnamed hunter';
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function strategyOf(config: object | null): {
  label: string;
  iterationsTarget: number | null;
} {
  const strategy = ((config as { strategy?: unknown } | null)?.strategy ?? null) as Record<
    string,
    unknown
  > | null;
  if (strategy?.kind === 'fixed' && typeof strategy.iterations === 'number') {
    return {
      label: `${strategy.iterations.toLocaleString('en-US')} iterations`,
      iterationsTarget: strategy.iterations,
    };
  }
  if (strategy?.kind === 'target_error') {
    const max = typeof strategy.maxIterations === 'number' ? strategy.maxIterations : null;
    return { label: `target error ${String(strategy.targetErrorPct)}%`, iterationsTarget: max };
  }
  return { label: 'unknown strategy', iterationsTarget: null };
}

/**
 * The stable reason code and what a player can act on: the sentinel records the refusal's
 * message (the profile line, the missing data) or the failing chunk's detail beside the code.
 */
function failureReason(row: JobRow): string | null {
  if (row.status !== 'failed') return null;
  const meta = row.meta ?? {};
  const text = (key: string) => (typeof meta[key] === 'string' && meta[key] ? (meta[key] as string) : null);
  const code = text('reason') ?? text('error');
  const why = text('message') ?? text('detail');
  if (code && why && why !== code) return `${code}: ${why}`;
  return code ?? why ?? 'failed';
}

export function jobSummary(row: JobRow, progress: JobProgress | null): JobSummary {
  const strategy = strategyOf(row.sentinel_config);
  return {
    id: row.id,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    iterationsTarget: strategy.iterationsTarget,
    strategy: strategy.label,
    failureReason: failureReason(row),
    title: profileTitle(row.profile_head ?? row.sim_config?.profile),
    progress: row.status === 'running' || row.status === 'pending' ? progress : null,
    // The sentinel's finalize records the mean and its error in meta, so the list can show
    // DPS without shipping result_pb for every row.
    dps: row.status === 'completed' && typeof row.meta?.dpsMean === 'number' ? row.meta.dpsMean : null,
    dpsError:
      row.status === 'completed' && typeof row.meta?.dpsHalfWidth95 === 'number'
        ? row.meta.dpsHalfWidth95
        : null,
  };
}

export function toHex(bytes: Uint8Array): string;
export function toHex(bytes: Uint8Array | null | undefined): string | null;
export function toHex(bytes: Uint8Array | null | undefined): string | null {
  if (!bytes) return null;
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/** A row of studio_job_taints.sql (or, without the key, studio_shared_taints.sql). */
export interface TaintRow {
  node_public_key?: string;
  unverified_chunks: number;
  reason: string;
  created_at: Date | string;
}

export function resultTaint(row: TaintRow): ResultTaint {
  return { unverifiedChunks: row.unverified_chunks, reason: row.reason, markedAt: iso(row.created_at) };
}

export function jobTaint(row: TaintRow): JobTaint {
  return { ...resultTaint(row), nodePublicKey: row.node_public_key ?? '' };
}

export function jobDetail(
  row: JobRow,
  progress: JobProgress | null,
  taints: TaintRow[] = [],
  nodeNames: ReadonlyMap<string, string> = new Map(),
): JobDetail {
  return {
    ...jobSummary(row, progress),
    profile: row.sim_config?.profile ?? '',
    // `run` says which nodes ran it, as the viewer may know them; meta.nodes holds every key.
    meta: withoutNodes(row.meta),
    run: runFromMeta(row.meta, { nodeNames }),
    resultHex: toHex(row.result_pb),
    timelineHex: toHex(row.timeline_pb),
    shareToken: row.share_token ?? null,
    taints: taints.map(jobTaint),
    comparison: profilesetChanges(row.sim_config?.profile ?? ''),
  };
}

function withoutNodes(meta: Record<string, unknown> | null): Record<string, unknown> {
  const { nodes: _nodes, ...rest } = meta ?? {};
  return rest;
}

/** The public keys of the nodes that ran a finished job (its `meta.nodes`). */
export function metaNodeKeys(meta: Record<string, unknown> | null): string[] {
  const nodes = Array.isArray(meta?.nodes) ? (meta.nodes as Array<Record<string, unknown>>) : [];
  return nodes.map((n) => n.publicKey).filter((key): key is string => typeof key === 'string');
}

/**
 * How the run went, from the `meta` the sentinel's finalize writes (result_pb leaves it out so
 * its bytes match a local run). The job's owner sees their own nodes by name and key
 * (`nodeNames`, read under RLS) and everyone else's as "volunteer node N"; a shared result
 * (`nodeNames: null`) hides which machines ran it: every node is then "node N".
 */
export function runFromMeta(
  meta: Record<string, unknown> | null,
  options: { nodeNames: ReadonlyMap<string, string> | null },
): RunView | null {
  if (!meta || typeof meta.wallTimeMs !== 'number') return null;
  const nodes = Array.isArray(meta.nodes) ? (meta.nodes as Array<Record<string, unknown>>) : [];
  const names = options.nodeNames;
  let volunteers = 0;
  return {
    wallTimeMs: meta.wallTimeMs,
    chunks: typeof meta.chunks === 'number' ? meta.chunks : 0,
    nodes: nodes.map((n, i) => {
      const counts = { iterations: Number(n.iterations ?? 0), chunks: Number(n.chunks ?? 0) };
      const key = typeof n.publicKey === 'string' ? n.publicKey : null;
      if (!names || key === null)
        return { nodeId: `node ${i + 1}`, label: `node ${i + 1}`, yours: false, ...counts };
      const name = names.get(key);
      if (name !== undefined) return { nodeId: key, label: name, yours: true, ...counts };
      // Someone else's machine: neither its name nor its key (an id the same across jobs).
      volunteers++;
      const label = `volunteer node ${volunteers}`;
      return { nodeId: label, label, yours: false, ...counts };
    }),
    verification: verificationFromMeta(meta.verification),
  };
}

const VERIFICATION_COUNTS = ['chunks', 'owner', 'verified', 'unchecked', 'waived'] as const;

/** `meta.verification`, or null for a job finished before the sentinel verified results. */
function verificationFromMeta(value: unknown): VerificationView | null {
  if (typeof value !== 'object' || value === null) return null;
  const counts = value as Record<string, unknown>;
  if (!VERIFICATION_COUNTS.every((key) => typeof counts[key] === 'number')) return null;
  const { chunks, owner, verified, unchecked, waived } = value as VerificationView;
  return { chunks, owner, verified, unchecked, waived };
}
