import { describe, expect, it } from 'vitest';
import { defineErrorRegistry } from '../src/index.ts';
import { errorRegistryDocProblems } from '../src/testing/error-registry-docs.ts';

describe('an error registry', () => {
  it('refuses a code that is not SF_<AREA>_<WHAT>, or whose area another registry owns', () => {
    expect(() => defineErrorRegistry('db', { DB_ERR_CLOSED: { message: 'closed' } })).toThrow(
      /SF_<AREA>_<WHAT>/,
    );
    expect(() => defineErrorRegistry('db', { SF_db_closed: { message: 'closed' } })).toThrow(
      /SF_<AREA>_<WHAT>/,
    );
    expect(() => defineErrorRegistry('wire', { SF_DB_CLOSED: { message: 'closed' } })).toThrow(
      /belongs to db/,
    );
    expect(() => defineErrorRegistry('db', { SF_NOPE_CLOSED: { message: 'closed' } })).toThrow(/no registry/);
  });

  it('is checked against its doc: missing, doubled, wrong status, stale row, repeated message', () => {
    const registry = defineErrorRegistry('studio-api', {
      SF_STUDIO_ONE: { status: 400, message: 'one' },
      SF_STUDIO_TWO: { status: 404, message: 'one' },
      SF_STUDIO_THREE: { status: 409, message: 'three' },
    });
    const doc = [
      '| code | status |',
      '| `SF_STUDIO_ONE` | 400 |',
      '| `SF_STUDIO_TWO` | 410 |',
      '| `SF_STUDIO_GONE` | 404 |',
      '| `STUDIO_ERR_THREE` | `SF_STUDIO_THREE` |',
      '| `SF_DB_CLOSED` | elsewhere |',
    ].join('\n');
    expect(errorRegistryDocProblems('studio-api', registry, doc)).toEqual([
      'SF_STUDIO_TWO is documented with status 410, not 404',
      'SF_STUDIO_THREE heads 0 table rows, not 1',
      'SF_STUDIO_TWO repeats the message of SF_STUDIO_ONE',
      'SF_STUDIO_GONE is documented but not defined',
    ]);
  });
});
