import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AnyRecord,
  GameDataResolver,
  type GameDataSource,
  handleGameDataRequest,
  type RecordBatch,
  type RecordKey,
  SentinelGameDataOrigin,
  type SpellData,
} from '../src/index.ts';

function spell(id: number, name: string): SpellData {
  return { id, name } as SpellData;
}

/**
 * A real in-memory source whose patch and records the test can change, counting what it is
 * asked: the resolver's layers are observed from the origin's side.
 */
class TableSource implements GameDataSource {
  patch = 'p1';
  records = new Map<string, AnyRecord>([
    ['spell:1', spell(1, 'One')],
    ['spell:2', spell(2, 'Two')],
    ['spell:3', spell(3, 'Three')],
    ['spell:4', spell(4, 'Four')],
  ]);
  fetched: RecordKey[][] = [];
  async currentPatch(): Promise<string> {
    return this.patch;
  }
  async fetchRecords(keys: readonly RecordKey[]): Promise<RecordBatch> {
    this.fetched.push([...keys]);
    return {
      patch: this.patch,
      records: Object.fromEntries(keys.map((k) => [k, this.records.get(k) ?? null])),
    };
  }
}

let cacheRoot: string;
let source: TableSource;
beforeAll(async () => {
  cacheRoot = await mkdtemp(join(tmpdir(), 'simforge-resolver-'));
});
afterAll(async () => {
  await rm(cacheRoot, { recursive: true, force: true });
});
beforeEach(() => {
  source = new TableSource();
});

let dirSeq = 0;
const freshDir = () => join(cacheRoot, `cache-${++dirSeq}`);

describe('GameDataResolver layers', () => {
  it('answers a repeated key from memory without asking the origin again', async () => {
    const resolver = new GameDataResolver({ origin: source });
    const first = await resolver.resolve(['spell:1', 'spell:9']);
    expect(first.records).toEqual({ 'spell:1': spell(1, 'One'), 'spell:9': null });
    const second = await resolver.resolve(['spell:1', 'spell:9']);
    expect(second.records).toEqual(first.records);
    expect(source.fetched).toEqual([['spell:1', 'spell:9']]);
    expect(resolver.stats.memoryHits).toBe(2);
  });

  it('bounds the memory layer, evicting the least recently used key', async () => {
    const resolver = new GameDataResolver({ origin: source, memoryMaxEntries: 2 });
    await resolver.resolve(['spell:1']);
    await resolver.resolve(['spell:2']);
    await resolver.resolve(['spell:1']); // 1 is now the most recent
    await resolver.resolve(['spell:3']); // evicts 2
    await resolver.resolve(['spell:1', 'spell:2']);
    expect(source.fetched).toEqual([['spell:1'], ['spell:2'], ['spell:3'], ['spell:2']]);
  });

  it('answers a new resolver instance from the disk cache of an earlier one', async () => {
    const dir = freshDir();
    await new GameDataResolver({ origin: source, diskCacheDir: dir }).resolve([
      'spell:1',
      'spell:2',
      'spell:9',
    ]);
    const second = new GameDataResolver({ origin: source, diskCacheDir: dir });
    const batch = await second.resolve(['spell:1', 'spell:2', 'spell:9']);
    expect(batch.records['spell:2']).toEqual(spell(2, 'Two'));
    expect(batch.records['spell:9']).toBeNull();
    expect(second.stats).toMatchObject({ diskHits: 3, originRequests: 0 });
    expect(source.fetched).toHaveLength(1);
  });

  it('wipes the disk cache when the origin reports a new patch', async () => {
    const dir = freshDir();
    await new GameDataResolver({ origin: source, diskCacheDir: dir }).resolve(['spell:1']);
    expect((await readdir(dir)).sort()).toEqual(['p1', 'patch.json']);
    source.patch = 'p2';
    source.records.set('spell:1', spell(1, 'One, rebalanced'));
    const next = new GameDataResolver({ origin: source, diskCacheDir: dir });
    const batch = await next.resolve(['spell:1']);
    expect(batch).toEqual({ patch: 'p2', records: { 'spell:1': spell(1, 'One, rebalanced') } });
    expect((await readdir(dir)).sort()).toEqual(['p2', 'patch.json']);
  });

  it('re-checks the patch after its interval, dropping memory on a change', async () => {
    let nowMs = 0;
    const resolver = new GameDataResolver({ origin: source, patchCheckIntervalMs: 1000, now: () => nowMs });
    await resolver.resolve(['spell:1']);
    source.patch = 'p2';
    source.records.set('spell:1', spell(1, 'Changed'));
    nowMs = 999;
    expect((await resolver.resolve(['spell:1'])).records['spell:1']).toEqual(spell(1, 'One'));
    nowMs = 1000;
    expect(await resolver.resolve(['spell:1'])).toEqual({
      patch: 'p2',
      records: { 'spell:1': spell(1, 'Changed') },
    });
  });

  it('keeps working from the disk cache while the origin is unreachable', async () => {
    const dir = freshDir();
    await new GameDataResolver({ origin: source, diskCacheDir: dir }).resolve(['spell:1']);
    const offline: GameDataSource = {
      currentPatch: () => Promise.reject(new Error('connection refused')),
      fetchRecords: () => Promise.reject(new Error('connection refused')),
    };
    const batch = await new GameDataResolver({ origin: offline, diskCacheDir: dir }).resolve(['spell:1']);
    expect(batch).toEqual({ patch: 'p1', records: { 'spell:1': spell(1, 'One') } });
  });
});

describe('GameDataResolver over the sentinel endpoint (real HTTP)', () => {
  let server: Server;
  let baseUrl: string;
  let requests: string[];
  beforeEach(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== '/v1/gamedata') {
        res.writeHead(404).end();
        return;
      }
      const ifNoneMatch = req.headers['if-none-match'];
      handleGameDataRequest(source, {
        ids: url.searchParams.get('ids'),
        ifNoneMatch: ifNoneMatch ?? null,
      }).then(
        (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const origin = () =>
    new SentinelGameDataOrigin({
      baseUrl,
      signedFetch: (url, init) => fetch(url, { method: init.method, headers: init.headers }),
    });

  it('carries the misses of concurrent calls in one request', async () => {
    const resolver = new GameDataResolver({ origin: origin(), batchWindowMs: 5 });
    await resolver.currentPatch();
    requests = [];
    const answers = await Promise.all([
      resolver.resolve(['spell:1']),
      resolver.resolve(['spell:2', 'spell:3']),
      resolver.resolve(['spell:3', 'spell:4', 'spell:77']),
    ]);
    expect(requests).toHaveLength(1);
    expect(decodeURIComponent(requests[0] ?? '')).toBe(
      '/v1/gamedata?ids=spell:1,spell:2,spell:3,spell:4,spell:77',
    );
    expect(answers[2]?.records).toEqual({
      'spell:3': spell(3, 'Three'),
      'spell:4': spell(4, 'Four'),
      'spell:77': null,
    });
    expect(source.fetched).toEqual([['spell:1', 'spell:2', 'spell:3', 'spell:4', 'spell:77']]);
  });

  it('revalidates the patch with If-None-Match and gets 304 while it is unchanged', async () => {
    const sentinel = origin();
    expect(await sentinel.currentPatch()).toBe('p1');
    const answer = await fetch(`${baseUrl}/v1/gamedata`, { headers: { 'if-none-match': '"p1"' } });
    expect(answer.status).toBe(304);
    expect(await sentinel.currentPatch()).toBe('p1');
    source.patch = 'p2';
    expect(await sentinel.currentPatch()).toBe('p2');
  });

  it('refuses a malformed key with the API error shape', async () => {
    const answer = await fetch(`${baseUrl}/v1/gamedata?ids=spell:1,bogus`);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: { code: 'SF_GAMEDATA_BAD_KEY', message: "'bogus' is not a game-data key (kind:id)" },
    });
  });
});
