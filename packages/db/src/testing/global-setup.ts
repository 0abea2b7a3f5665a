import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-cluster.ts';
import { createTemplate } from './template-databases.ts';

/**
 * Vitest global setup: one throwaway Postgres cluster per test run, with a migrated
 * template database that every test file clones. A cluster that cannot start fails the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  try {
    project.provide('simforgePostgres', await createTemplate(cluster));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return () => cluster.stop();
}
