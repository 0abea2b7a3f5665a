// Starts a real studio server on a free port against a test database. API suites serve a
// one-file static dir so they never race the browser suite's `vite build` of dist/.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChunkPartial, emptyPartial, encodeJobResult, encodeJobTimeline } from '@simforge/common';
import type { Database } from '@simforge/db';
import { createStudioServer, type StudioServer, type StudioServerOptions } from '../../src/index.ts';
import { TestClient } from './api-client.ts';
import { testQueries } from './test-queries.ts';

export interface RunningStudio {
  server: StudioServer;
  url: string;
  client(): TestClient;
  close(): Promise<void>;
}

export async function startStudio(
  db: Database,
  overrides: Partial<StudioServerOptions> = {},
): Promise<RunningStudio> {
  const staticDir = await mkdtemp(join(tmpdir(), 'studio-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>studio test</title>');
  const server = createStudioServer({ db, staticDir, buildIfMissing: false, ...overrides });
  const url = await server.listen(0, '127.0.0.1');
  return { server, url, client: () => new TestClient(url), close: () => server.close() };
}

/** A small but complete ChunkPartial, as a finished 10-iteration job would merge to. */
export function samplePartial(): ChunkPartial {
  const partial = emptyPartial();
  const dps = [
    51_000_000, 52_500_000, 49_800_000, 50_200_000, 51_700_000, 50_900_000, 52_100_000, 49_900_000,
    50_400_000, 51_500_000,
  ];
  partial.iterations = dps.length;
  partial.dpsSumMilli = dps.reduce((a, b) => a + BigInt(b), 0n);
  partial.dpsSumSqMilli = dps.reduce((a, b) => a + BigInt(b) * BigInt(b), 0n);
  partial.dpsMinMilli = Math.min(...dps);
  partial.dpsMaxMilli = Math.max(...dps);
  const bins = new Map<number, number>();
  for (const d of dps) bins.set(Math.floor(d / 10_000), (bins.get(Math.floor(d / 10_000)) ?? 0) + 1);
  partial.histogram = [...bins].sort((a, b) => a[0] - b[0]).map(([bin, count]) => ({ bin, count }));
  partial.abilities = [
    {
      source: 'player',
      spellId: 34026,
      name: 'Kill Command',
      damage: 9_000_000,
      executes: 300,
      hits: 300,
      crits: 90,
      ticks: 0,
    },
    {
      source: 'pet',
      spellId: 16827,
      name: 'Claw',
      damage: 3_000_000,
      executes: 500,
      hits: 500,
      crits: 120,
      ticks: 0,
    },
  ];
  partial.buffs = [{ auraId: 19574, name: 'Bestial Wrath', uptimeMs: 600_000 }];
  partial.timeline = {
    damage: [100_000, 200_000, 150_000],
    resourceMilli: [500_000, 400_000, 450_000],
    samples: [10, 10, 10],
  };
  partial.fightLengthMsSum = 3_000_000;
  partial.events = 12_345;
  return partial;
}

/** Marks `jobId` completed with a real encoded result, as the sentinel's finalize would. */
export async function completeJob(
  db: Database,
  jobId: string,
  nodes: Array<{ publicKey: string; chunks: number; iterations: number }> = [
    { publicKey: 'some-node-key', chunks: 2, iterations: 10 },
  ],
): Promise<void> {
  const partial = samplePartial();
  const result = encodeJobResult(partial, {
    run: { wallTimeMs: 1234, chunks: 2, nodes: [{ nodeId: 'node-a', iterations: 10, chunks: 2 }] },
  });
  await testQueries.run(db, 'studio_test_job_complete', [
    jobId,
    result,
    encodeJobTimeline(partial.timeline),
    JSON.stringify(nodes),
  ]);
}

export async function tableCounts(db: Database) {
  const res = await testQueries.run<{
    jobs: number;
    share_links: number;
    users: number;
    sessions: number;
    linked_nodes: number;
  }>(db, 'studio_test_table_counts');
  return res.rows[0]!;
}

/** A syntactically valid Ed25519 public key (base64url of 32 bytes) for fixture nodes. */
export function fakePublicKey(seed: number): string {
  return Buffer.alloc(32, seed).toString('base64url');
}
