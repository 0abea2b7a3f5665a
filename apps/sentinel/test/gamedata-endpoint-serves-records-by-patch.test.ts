import { createUser, describeEachDriver } from '@simforge/db/testing';
import { importGameData, REAL_TABLES_DIR } from '@simforge/gamedata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorCode, type Harness, linkedNode, send, startSentinel } from './support/sentinel-harness.ts';

describeEachDriver('GET /v1/gamedata', (getDb) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startSentinel(getDb());
  });
  afterAll(async () => h.close());

  it('answers 503 before any import, then records by key with the patch as ETag', async () => {
    const node = await linkedNode(getDb(), h.baseUrl, await createUser(getDb()));
    const before = await send(h.baseUrl, node, 'GET', '/v1/gamedata');
    expect([before.status, errorCode(before)]).toEqual([503, 'SF_SENTINEL_GAMEDATA_UNAVAILABLE']);

    await importGameData({ db: getDb(), dirs: [REAL_TABLES_DIR], patch: 'test.1' });
    const path = `/v1/gamedata?ids=${encodeURIComponent('spec:253')},${encodeURIComponent('spell:999999999')}`;
    const answer = await send(h.baseUrl, node, 'GET', path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"test.1"');
    const body = answer.body as { patch: string; records: Record<string, unknown> };
    expect(body.patch).toBe('test.1');
    expect(body.records['spec:253']).toMatchObject({ id: 253 });
    expect(body.records['spell:999999999']).toBeNull();

    const cached = await send(h.baseUrl, node, 'GET', path, undefined, {
      headers: { 'if-none-match': '"test.1"' },
    });
    expect(cached.status).toBe(304);
    const bad = await send(h.baseUrl, node, 'GET', '/v1/gamedata?ids=nonsense');
    expect([bad.status, errorCode(bad)]).toEqual([400, 'SF_REQUEST_INVALID']);
  });
});
