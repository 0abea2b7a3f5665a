// The sentinel raises the node API's errors (the registry is shared with apps/node, in
// @simforge/common's node-api-errors.ts): a stable code, its status, and the registry message
// with the detail of this occurrence. Clients branch on the code, never on the message.

import { NODE_API_ERRORS, type NodeApiErrorBody, type NodeApiErrorCode } from '@simforge/common';

export type ApiErrorCode = NodeApiErrorCode;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    detail?: string,
    /** Seconds, sent as Retry-After (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    const { message, status } = NODE_API_ERRORS[code];
    super(detail === undefined ? message : `${message}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
  }

  toJSON(): NodeApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
