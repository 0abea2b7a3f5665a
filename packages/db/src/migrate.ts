import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DbError } from './errors.ts';
import { loadQuery, runQuery } from './named-queries.ts';
import type { Database, Queryable } from './types.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface MigrateOptions {
  /** Defaults to `packages/db/migrations/`. */
  migrationsDir?: string;
}

async function lockAndPrepare(tx: Queryable): Promise<void> {
  // A transaction-scoped advisory lock serializes concurrent migrators (several processes
  // booting against one server): the second waits, then sees the file recorded and skips it.
  await runQuery(tx, 'migrator_lock');
  await tx.exec(await loadQuery('migrator_prepare'));
}

/**
 * Applies `migrations/*.sql` in file-name order, each file in its own transaction together
 * with its row in `simforge.migrations`, so a failed file leaves nothing behind and a re-run
 * resumes where it stopped. Returns the names applied by this call (empty when up to date).
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const dir = options.migrationsDir ?? MIGRATIONS_DIR;
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const applied: string[] = [];
  for (const name of files) {
    const sql = await readFile(`${dir}/${name}`, 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    const didApply = await db.transaction(async (tx) => {
      await lockAndPrepare(tx);
      const { rows } = await runQuery<{ checksum: string }>(tx, 'migrator_applied', [name]);
      const recorded = rows[0];
      if (recorded) {
        if (recorded.checksum !== checksum) throw new DbError('SF_DB_MIGRATION_CHANGED', name);
        return false;
      }
      try {
        await tx.exec(sql);
      } catch (error) {
        throw new DbError('SF_DB_MIGRATION_FAILED', `${name}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await runQuery(tx, 'migrator_record', [name, checksum]);
      return true;
    });
    if (didApply) applied.push(name);
  }
  return applied;
}
