// Every error the studio API can return, in one registry: a stable code (what the page and
// the tests match on), its HTTP status and a message a player can act on. Shared by the server,
// which raises them (server/api-errors.ts), and the web app, which branches on them.
// docs/studio.md lists each code; test/api-error-registry.test.ts fails when one is
// undocumented, misnamed or reused.

import { defineErrorRegistry } from '@simforge/common';

export const STUDIO_API_ERRORS = defineErrorRegistry('studio-api', {
  SF_STUDIO_AUTH_REQUIRED: { status: 401, message: 'Sign in to continue.' },
  SF_STUDIO_AUTH_INVALID_CREDENTIALS: {
    status: 401,
    message: 'That email and password do not match an account.',
  },
  SF_STUDIO_AUTH_EMAIL_TAKEN: {
    status: 409,
    message: 'An account with that email already exists; sign in instead.',
  },
  SF_STUDIO_AUTH_EMAIL_INVALID: { status: 400, message: 'Enter a valid email address.' },
  SF_STUDIO_AUTH_PASSWORD_WEAK: {
    status: 400,
    message: 'Choose a password of 8 to 256 characters.',
  },
  SF_STUDIO_CSRF: {
    status: 403,
    message: 'The request is missing its CSRF token; reload the page and try again.',
  },
  SF_STUDIO_BODY_INVALID: { status: 400, message: 'The request body is not what this route accepts.' },
  SF_STUDIO_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  SF_STUDIO_PROFILE_TOO_LARGE: { status: 413, message: 'The profile is too large.' },
  SF_STUDIO_PROFILE_INVALID: { status: 422, message: 'The profile has errors.' },
  SF_STUDIO_JOB_NOT_FOUND: { status: 404, message: 'No such job.' },
  SF_STUDIO_JOB_NOT_CANCELLABLE: {
    status: 409,
    message: 'Only a pending or running job can be cancelled.',
  },
  SF_STUDIO_JOB_NOT_FAILED: { status: 409, message: 'Only a failed job can be resubmitted.' },
  SF_STUDIO_JOB_NOT_COMPLETED: { status: 409, message: 'The job has no result yet.' },
  SF_STUDIO_NODE_NOT_FOUND: { status: 404, message: 'No such node.' },
  // One code for "not yours" and "not quarantined": relink_node raises the same P0002 for
  // both, and another user's node ids are not ours to confirm.
  SF_STUDIO_NODE_NOT_QUARANTINED: {
    status: 404,
    message:
      'No quarantined node of yours has that id; only a node quarantined for returning false results needs re-linking.',
  },
  // One code for unknown and used: a code is cleared when used, so the two are the same fact.
  SF_STUDIO_CLAIM_CODE_INVALID: {
    status: 404,
    message:
      'No node is waiting with that claim code. Check the code your node printed; a code works once, so a node that is already linked will not take it again.',
  },
  SF_STUDIO_SHARE_NOT_FOUND: { status: 404, message: 'This share link does not exist or was turned off.' },
  SF_STUDIO_SPELL_NOT_FOUND: { status: 404, message: 'No spell with that id.' },
  SF_STUDIO_ROUTE_NOT_FOUND: { status: 404, message: 'No such API route.' },
  SF_STUDIO_RATE_LIMITED: { status: 429, message: 'Too many attempts; wait a minute and try again.' },
  SF_STUDIO_INTERNAL: { status: 500, message: 'Something went wrong on the server.' },
});

export type StudioApiErrorCode = keyof typeof STUDIO_API_ERRORS;
