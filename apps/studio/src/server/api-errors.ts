// The server raises the studio API's errors (registry in ../studio-api-errors.ts): route
// handlers throw StudioApiError and the server's error handler answers errorBody(it).

import type { StudioApiErrorBody } from '../api-contract.ts';
import { STUDIO_API_ERRORS, type StudioApiErrorCode } from '../studio-api-errors.ts';

export class StudioApiError extends Error {
  readonly code: StudioApiErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(
    code: StudioApiErrorCode,
    options: { message?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(options.message ?? STUDIO_API_ERRORS[code].message, { cause: options.cause });
    this.code = code;
    this.status = STUDIO_API_ERRORS[code].status;
    this.details = options.details;
  }
}

export function errorBody(err: StudioApiError): StudioApiErrorBody {
  const error: StudioApiErrorBody['error'] = { code: err.code, message: err.message };
  if (err.details !== undefined) error.details = err.details;
  return { error };
}
