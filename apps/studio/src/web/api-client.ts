// The browser's side of the studio API. Every state-changing request carries the CSRF token
// the server put in the readable `sf_csrf` cookie (double submit): a page on another origin
// can make the browser send our cookies, but cannot read them to fill in the header.

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const CSRF_COOKIE = 'sf_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function readCookie(name: string): string {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return '';
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = readCookie(CSRF_COOKIE);
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: unknown } }).error;
    throw new ApiError(
      res.status,
      err?.code ?? 'STUDIO_ERR_INTERNAL',
      err?.message ?? `request failed (${res.status})`,
      err?.details,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};

export interface SessionUser {
  id: string;
  email: string;
}

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface JobSummary {
  id: string;
  status: JobStatus;
  createdAt: string;
  updatedAt: string;
  iterationsTarget: number | null;
  strategy: string;
  failureReason: string | null;
  title: string;
  dps: number | null;
  dpsError: number | null;
}

export interface RunView {
  wallTimeMs: number;
  chunks: number;
  nodes: Array<{ nodeId: string; iterations: number; chunks: number }>;
}

export interface JobDetail extends JobSummary {
  profile: string;
  meta: Record<string, unknown>;
  run: RunView | null;
  resultHex: string | null;
  timelineHex: string | null;
  shareToken: string | null;
}

export interface SharedResult {
  title: string;
  createdAt: string;
  run: RunView | null;
  resultHex: string;
  timelineHex: string | null;
}

export interface NodeView {
  id: string;
  name: string;
  publicKey: string;
  status: 'pending' | 'online' | 'offline';
  totalCores: number;
  maxParallel: number;
  platform: string | null;
  version: string | null;
  lastSeenAt: string | null;
  iterationsTotal: number;
  chunksTotal: number;
}

export interface SpellHit {
  id: number;
  name: string;
}
