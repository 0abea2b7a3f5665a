// Every error the control API of `simforge start` answers (loopback, for `simforge submit` and
// `simforge nodes`): a stable code, its status and a message. The client side branches
// on the code (an unknown claim code is an answer, not a failure). docs/cli.md lists each one.

import { defineErrorRegistry } from '@simforge/common';

export const CONTROL_API_ERRORS = defineErrorRegistry('control-api', {
  SF_CONTROL_UNAUTHORIZED: { status: 401, message: 'missing or wrong control token' },
  SF_CONTROL_BODY_TOO_LARGE: { status: 413, message: 'request body over 1 MiB' },
  SF_CONTROL_BODY_MALFORMED: { status: 400, message: 'request body is not JSON' },
  SF_CONTROL_REQUEST_INVALID: { status: 400, message: 'the request body has the wrong shape' },
  SF_CONTROL_CLAIM_CODE_UNKNOWN: { status: 404, message: 'no unlinked node has that claim code' },
  SF_CONTROL_NODE_NOT_QUARANTINED: { status: 404, message: 'no quarantined node of yours has that id' },
  SF_CONTROL_ROUTE_NOT_FOUND: { status: 404, message: 'no such control route' },
  SF_CONTROL_INTERNAL: { status: 500, message: "'simforge start' failed to answer" },
});

export type ControlApiErrorCode = keyof typeof CONTROL_API_ERRORS;

export interface ControlApiErrorBody {
  error: { code: ControlApiErrorCode; message: string };
}
