// The browser's side of the studio API (bodies, names and codes in ../api-contract.ts and
// ../studio-api-errors.ts, shared with the server). Every state-changing request carries the
// CSRF token the server put in the readable CSRF_COOKIE (double submit): a page on another
// origin can make the browser send our cookies, but cannot read them to fill in the header.

import { CSRF_COOKIE, CSRF_HEADER, type StudioApiErrorBody } from '../api-contract.ts';
import type { StudioApiErrorCode } from '../studio-api-errors.ts';

export class ApiError extends Error {
  readonly code: StudioApiErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(status: number, code: StudioApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

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
    const err = (json as Partial<StudioApiErrorBody>).error;
    throw new ApiError(
      res.status,
      err?.code ?? 'SF_STUDIO_INTERNAL',
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
