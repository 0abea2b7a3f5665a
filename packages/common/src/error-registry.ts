// One shape for every error registry in the repository: stable codes `SF_<AREA>_<WHAT>`, each
// with a message a user can act on and, for the HTTP APIs, its status. Each AREA belongs to
// exactly one registry (ERROR_AREAS), and defineErrorRegistry refuses a code outside its own
// areas, so no code can be declared by two registries and a reader knows from a code alone
// which registry (and which doc) owns it. Pure: the browser entry re-exports it.

export interface ErrorDefinition {
  readonly message: string;
  /** HTTP status, for the registries that answer over HTTP. */
  readonly status?: number;
}

/** SF_, then the area, then what went wrong, upper snake case. */
export const ERROR_CODE_PATTERN = /^SF_([A-Z][A-Z0-9]*)_[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/** Which registry owns each area, and the doc that documents it. */
export const ERROR_AREAS = {
  AUTH: 'node-api',
  NODE: 'node-api',
  REQUEST: 'node-api',
  CLAIM: 'node-api',
  JOB: 'node-api',
  PARTIAL: 'node-api',
  CONFIG: 'node-api',
  SENTINEL: 'node-api',
  STUDIO: 'studio-api',
  CONTROL: 'control-api',
  DB: 'db',
  GAMEDATA: 'gamedata',
  WIRE: 'wire',
  SIG: 'signing',
  PROFILE: 'profile',
} as const;

export type ErrorRegistryName = (typeof ERROR_AREAS)[keyof typeof ERROR_AREAS];

/** The area of a well-formed code, e.g. `CLAIM` for `SF_CLAIM_NOT_HELD`. */
export function errorArea(code: string): string | undefined {
  return ERROR_CODE_PATTERN.exec(code)?.[1];
}

export function errorCodeProblem(registry: ErrorRegistryName, code: string): string | null {
  const area = errorArea(code);
  if (area === undefined) return `${code} is not SF_<AREA>_<WHAT> in upper snake case`;
  const owner = (ERROR_AREAS as Record<string, ErrorRegistryName | undefined>)[area];
  if (owner !== registry)
    return `${code}: area ${area} belongs to ${owner ?? 'no registry'}, not ${registry}`;
  return null;
}

/**
 * Freezes a registry after checking its codes; a misnamed code fails at import, in every test
 * that loads the module, rather than in production when the error is first raised.
 */
export function defineErrorRegistry<const T extends Record<string, ErrorDefinition>>(
  registry: ErrorRegistryName,
  entries: T,
): Readonly<T> {
  for (const [code, definition] of Object.entries(entries)) {
    const problem = errorCodeProblem(registry, code);
    if (problem !== null) throw new Error(`error registry ${registry}: ${problem}`);
    Object.freeze(definition);
  }
  return Object.freeze(entries);
}
