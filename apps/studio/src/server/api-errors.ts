// Every error the studio API can return, in one registry: a stable code (what clients and
// tests match on), its HTTP status and a message a player can act on. docs/studio.md lists
// each code; test/api-error-registry.test.ts fails when one is undocumented or reused.

export const API_ERRORS = {
  STUDIO_ERR_AUTH_REQUIRED: { status: 401, message: 'Sign in to continue.' },
  STUDIO_ERR_AUTH_INVALID_CREDENTIALS: {
    status: 401,
    message: 'That email and password do not match an account.',
  },
  STUDIO_ERR_AUTH_EMAIL_TAKEN: {
    status: 409,
    message: 'An account with that email already exists; sign in instead.',
  },
  STUDIO_ERR_AUTH_EMAIL_INVALID: { status: 400, message: 'Enter a valid email address.' },
  STUDIO_ERR_AUTH_PASSWORD_WEAK: {
    status: 400,
    message: 'Choose a password of 8 to 256 characters.',
  },
  STUDIO_ERR_CSRF: {
    status: 403,
    message: 'The request is missing its CSRF token; reload the page and try again.',
  },
  STUDIO_ERR_BODY_INVALID: { status: 400, message: 'The request body is not what this route accepts.' },
  STUDIO_ERR_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  STUDIO_ERR_PROFILE_TOO_LARGE: { status: 413, message: 'The profile is too large.' },
  STUDIO_ERR_PROFILE_INVALID: { status: 422, message: 'The profile has errors.' },
  STUDIO_ERR_JOB_NOT_FOUND: { status: 404, message: 'No such job.' },
  STUDIO_ERR_JOB_NOT_CANCELLABLE: {
    status: 409,
    message: 'Only a pending or running job can be cancelled.',
  },
  STUDIO_ERR_JOB_NOT_FAILED: { status: 409, message: 'Only a failed job can be resubmitted.' },
  STUDIO_ERR_JOB_NOT_COMPLETED: { status: 409, message: 'The job has no result yet.' },
  STUDIO_ERR_NODE_NOT_FOUND: { status: 404, message: 'No such node.' },
  // One code for unknown and used: a code is cleared when used, so the two are the same fact.
  STUDIO_ERR_CLAIM_CODE_INVALID: {
    status: 404,
    message:
      'No node is waiting with that claim code. Check the code your node printed; a code works once, so a node that is already linked will not take it again.',
  },
  STUDIO_ERR_SHARE_NOT_FOUND: { status: 404, message: 'This share link does not exist or was turned off.' },
  STUDIO_ERR_SPELL_NOT_FOUND: { status: 404, message: 'No spell with that id.' },
  STUDIO_ERR_ROUTE_NOT_FOUND: { status: 404, message: 'No such API route.' },
  STUDIO_ERR_RATE_LIMITED: { status: 429, message: 'Too many attempts; wait a minute and try again.' },
  STUDIO_ERR_INTERNAL: { status: 500, message: 'Something went wrong on the server.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** Thrown by route handlers; the server's error handler turns it into `{ error: { code, message } }`. */
export class StudioApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ApiErrorCode, options: { message?: string; details?: unknown; cause?: unknown } = {}) {
    super(options.message ?? API_ERRORS[code].message, { cause: options.cause });
    this.code = code;
    this.status = API_ERRORS[code].status;
    this.details = options.details;
  }
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

export function errorBody(err: StudioApiError): ApiErrorBody {
  const error: ApiErrorBody['error'] = { code: err.code, message: err.message };
  if (err.details !== undefined) error.details = err.details;
  return { error };
}
