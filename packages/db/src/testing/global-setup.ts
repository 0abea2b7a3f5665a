import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-cluster.ts';
import { buildPgliteTemplate, createTemplate } from './template-databases.ts';

/**
 * Vitest global setup, once per test run: a throwaway Postgres cluster with a migrated
 * template database that each test file clones, and a dump of a migrated PGlite that each
 * file loads. A cluster that cannot start fails the run; nothing is skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'simforge-pglite-'));
  const dumpPath = join(dir, 'migrated.tar');
  const [cluster, pglite] = await Promise.allSettled([
    startPostgres(),
    buildPgliteTemplate().then(async (dump) => writeFile(dumpPath, new Uint8Array(await dump.arrayBuffer()))),
  ]);
  const teardown = async () => {
    if (cluster.status === 'fulfilled') await cluster.value.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (cluster.status === 'rejected') throw cluster.reason;
    if (pglite.status === 'rejected') throw pglite.reason;
    project.provide('simforgePostgres', await createTemplate(cluster.value));
    project.provide('simforgePglite', { dumpPath });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
