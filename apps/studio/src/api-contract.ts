// The studio API (`/api`, docs/studio.md) as both ends see it: the cookie and header names of
// the session and the CSRF double submit, and every request and response body. The server's
// routes and the web app import this one module (Vite bundles it for the browser), so the two
// cannot drift apart. Pure types and constants: no Node and no DOM.

import type { JobProgress, JobStatus, TalentsView } from '@simforge/common';
import { FIGHT_STYLES, type ProfilesetChanges } from '@simforge/engine';
import type { StudioApiErrorCode } from './studio-api-errors.ts';

export type { JobProgress, JobStatus, ProfilesetChanges, TalentsView };

/** httpOnly: the session token, which the page never reads. */
export const SESSION_COOKIE = 'sf_session';
/** Readable: the page copies it into CSRF_HEADER on every state-changing request. */
export const CSRF_COOKIE = 'sf_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface StudioApiErrorBody {
  error: { code: StudioApiErrorCode; message: string; details?: unknown };
}

// Accounts.

export interface SessionUser {
  id: string;
  email: string;
}

/** `GET /api/session`. */
export interface SessionResponse {
  user: SessionUser | null;
}

/** `POST /api/auth/sign-up` and `/api/auth/sign-in`. */
export interface CredentialsRequest {
  email: string;
  password: string;
}

export interface SignedInResponse {
  user: SessionUser;
}

/** `POST /api/auth/sign-out`. */
export interface SignedOutResponse {
  ok: true;
}

// Jobs.

export type StrategyOption =
  | { kind: 'fixed'; iterations: number }
  | { kind: 'target_error'; targetErrorPct: number };

/** The Simulate form's fight options, appended to the profile as SimulationCraft option lines. */
/** The fight styles the engine simulates (`fight_style=`, docs/engine.md), Patchwerk first. */
export const FIGHT_STYLE_NAMES: readonly string[] = Object.values(FIGHT_STYLES).map((s) => s.name);

export interface SubmitOptions {
  fightLengthS?: number;
  targets?: number;
  /** One of FIGHT_STYLE_NAMES. */
  fightStyle?: string;
  strategy?: StrategyOption;
}

/** `POST /api/profiles/check`: the check a submit runs, without inserting a job. */
export interface ProfileCheckRequest {
  profile: string;
}

/** Refusals answer SF_STUDIO_PROFILE_INVALID with each error's line and column, as a submit does. */
export interface ProfileCheckResponse {
  /** The talents as the engine reads them; null while no game data is imported. */
  talents: TalentsView | null;
  /**
   * Every warning the nodes will record, the game data's included (items it lacks, enchantments
   * not applied, the weapon used), in line order; null while no game data is imported.
   */
  warnings: ProfileCheckWarning[] | null;
}

export interface ProfileCheckWarning {
  line: number;
  column: number;
  message: string;
}

/** `POST /api/jobs`. */
export interface SubmitJobRequest {
  profile: string;
  options?: SubmitOptions;
}

export interface JobSummary {
  id: string;
  status: JobStatus;
  createdAt: string;
  updatedAt: string;
  iterationsTarget: number | null;
  strategy: string;
  failureReason: string | null;
  title: string;
  /** Only while pending or running, and only once the sentinel reported some. */
  progress: JobProgress | null;
  dps: number | null;
  dpsError: number | null;
}

/**
 * How the chunks of a finished result came to be trusted (the sentinel's
 * `meta.verification`, docs/sentinel.md "Verification"): computed by the job owner's own
 * nodes, confirmed byte for byte by another owner's node, from another owner's node not drawn
 * for a check, or drawn while no other owner's node was there to check it.
 */
export interface VerificationView {
  chunks: number;
  owner: number;
  verified: number;
  unchecked: number;
  waived: number;
}

export interface RunView {
  wallTimeMs: number;
  chunks: number;
  /**
   * `label` is the node's name when it is the viewer's own, "volunteer node N" for someone
   * else's (whose name and key are theirs to keep), "node N" on a share link; `nodeId` is the
   * public key of the viewer's own node, else the label.
   */
  nodes: Array<{ nodeId: string; label: string; yours: boolean; iterations: number; chunks: number }>;
  /** Null for jobs finished before the sentinel verified results. */
  verification: VerificationView | null;
}

/**
 * A mark on a completed job (`public.job_taints`): `unverifiedChunks` of its result came only
 * from a node quarantined later, for `reason`. The result itself is never rewritten.
 */
export interface ResultTaint {
  unverifiedChunks: number;
  reason: string;
  markedAt: string;
}

/** The owner also learns which of the nodes it was. */
export interface JobTaint extends ResultTaint {
  nodePublicKey: string;
}

export interface JobDetail extends JobSummary {
  profile: string;
  meta: Record<string, unknown>;
  run: RunView | null;
  /** bytea hex text (`\x…`), decoded in the browser by decodeJobResult. */
  resultHex: string | null;
  timelineHex: string | null;
  shareToken: string | null;
  /** Empty unless a node that alone computed some of its chunks was quarantined later. */
  taints: JobTaint[];
  /** A profileset job's variants and what each changes against the base; empty for one profile. */
  comparison: ProfilesetChanges[];
}

/** `GET /api/jobs`. */
export interface JobListResponse {
  jobs: JobSummary[];
}

/** `POST /api/jobs` and `/resubmit` (201) answer a summary; the others the detail. */
export interface JobResponse<T extends JobSummary = JobDetail> {
  job: T;
}

/** `PUT /api/jobs/:id/share`. */
export interface ShareRequest {
  enabled: boolean;
}

export interface ShareResponse {
  shareToken: string | null;
}

export interface SharedResult {
  title: string;
  createdAt: string;
  run: RunView | null;
  resultHex: string;
  timelineHex: string | null;
  /** The same marks the owner sees, without node keys. */
  taints: ResultTaint[];
  /** As JobDetail's: the variants' changes travel with the link, the rest of the profile does not. */
  comparison: ProfilesetChanges[];
}

/** `GET /api/share/:token`. */
export interface SharedResultResponse {
  result: SharedResult;
}

/** `GET /api/events`: each server-sent event's data; its event name is `type`. */
export type JobEvent =
  | ({ type: 'progress'; id: string } & JobProgress)
  | { type: 'status'; id: string; status: JobStatus }
  // The server's LISTEN connection came back: notifications sent meanwhile are lost, so pages re-read.
  | { type: 'resync' };

// Nodes.

/**
 * The sentinel's record of a node's checked results (docs/sentinel.md, "Verification"):
 * `verificationRate` is the share of its results another owner's node recomputes now (1 =
 * every result, for a new or re-linked node). A quarantined node gets no work until re-linked.
 */
export interface NodeTrustView {
  checks: number;
  /** Agreeing checks since the node's last disagreement. */
  agreements: number;
  disagreements: number;
  refusals: number;
  verificationRate: number;
  quarantineReason: string | null;
  quarantinedAt: string | null;
}

export interface NodeView {
  id: string;
  name: string;
  publicKey: string;
  status: 'pending' | 'online' | 'offline' | 'quarantined';
  totalCores: number;
  maxParallel: number;
  platform: string | null;
  version: string | null;
  lastSeenAt: string | null;
  iterationsTotal: number;
  chunksTotal: number;
  trust: NodeTrustView;
}

/** `GET /api/nodes`. */
export interface NodeListResponse {
  nodes: NodeView[];
}

/** `POST /api/nodes/claim`. */
export interface ClaimNodeRequest {
  code: string;
}

/** `PATCH /api/nodes/:id`. */
export interface UpdateNodeRequest {
  name?: string;
  maxParallel?: number;
}

/** Claim (201), update and `POST /api/nodes/:id/relink` answer the node as the owner now sees it. */
export interface NodeResponse {
  node: NodeView | null;
}

// Game data.

export interface SpellHit {
  id: number;
  name: string;
  schoolMask: number;
}

/** `GET /api/spells?q=`. */
export interface SpellSearchResponse {
  spells: SpellHit[];
}

export interface SpellDetail extends SpellHit {
  classSetId: number;
  /** The description and aura text with their `$` tokens filled, as the game's tooltip shows them. */
  description: string;
  auraDescription: string;
  data: unknown;
}

/** `GET /api/spells/:id`. */
export interface SpellResponse {
  spell: SpellDetail;
}
