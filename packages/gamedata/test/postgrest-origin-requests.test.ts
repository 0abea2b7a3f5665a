import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgrestGameDataOrigin, type SpellData } from '../src/index.ts';

/**
 * A local HTTP server answering the PostgREST requests the origin makes, from fixed rows, and
 * recording what it was asked: the origin's URLs and headers are the contract with Supabase.
 */
const ROWS: Record<string, Record<string, unknown>[]> = {
  patches: [{ version: 'p9' }],
  spells: [
    { id: 1, data: { id: 1, name: 'One' } },
    { id: 2, data: { id: 2, name: 'Two' } },
  ],
  curves: [
    {
      id: 8,
      type: 0,
      flags: 2,
      curve_points: [
        { order_index: 1, x: 10, y: 100 },
        { order_index: 0, x: 1, y: 5 },
      ],
    },
  ],
  item_bonuses: [
    { id: 11, bonus_list_id: 40, type: 2, values: [7, 1, 0, 0], order_index: 1 },
    { id: 10, bonus_list_id: 40, type: 1, values: [13, 0, 0, 0], order_index: 0 },
  ],
};

let server: Server;
let baseUrl: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const table = url.pathname.replace('/rest/v1/', '');
    const filter = [...url.searchParams].find(([key]) => key !== 'select');
    let rows = ROWS[table] ?? [];
    const inList = filter?.[1].match(/^in\.\((.*)\)$/);
    if (filter && inList) {
      const ids = new Set((inList[1] ?? '').split(',').map(Number));
      rows = rows.filter((row) => ids.has(row[filter[0]] as number));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('PostgrestGameDataOrigin', () => {
  it('asks the game profile with in.(...) filters and decodes each kind', async () => {
    seen.length = 0;
    const origin = new PostgrestGameDataOrigin({ baseUrl, apiKey: 'anon-key' });
    const batch = await origin.fetchRecords(['spell:1', 'spell:2', 'spell:3', 'curve:8', 'bonus:40']);
    expect(batch.patch).toBe('p9');
    expect((batch.records['spell:2'] as SpellData).name).toBe('Two');
    expect(batch.records['spell:3']).toBeNull();
    expect(batch.records['curve:8']).toEqual({
      id: 8,
      type: 0,
      flags: 2,
      points: [
        { x: 1, y: 5 },
        { x: 10, y: 100 },
      ],
    });
    expect(batch.records['bonus:40']).toEqual([
      { id: 10, bonusListId: 40, type: 1, values: [13, 0, 0, 0], orderIndex: 0 },
      { id: 11, bonusListId: 40, type: 2, values: [7, 1, 0, 0], orderIndex: 1 },
    ]);
    const urls = seen.map((s) => decodeURIComponent(s.url)).sort();
    expect(urls).toEqual([
      '/rest/v1/curves?select=id,type,flags,curve_points(order_index,x,y)&id=in.(8)',
      '/rest/v1/item_bonuses?select=id,bonus_list_id,type,values,order_index&bonus_list_id=in.(40)',
      '/rest/v1/patches?select=version&is_current=is.true',
      '/rest/v1/patches?select=version&is_current=is.true',
      '/rest/v1/spells?select=id,data&id=in.(1,2,3)',
    ]);
    for (const { headers } of seen) {
      expect(headers['accept-profile']).toBe('game');
      expect(headers.apikey).toBe('anon-key');
      expect(headers.authorization).toBe('Bearer anon-key');
    }
  });
});
