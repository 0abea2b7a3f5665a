// `packages/gamedata/sql/`: one file per game-schema operation, named for what it does, run by
// the database package's SQL runner (read once per process, positional parameters).
import { createSqlRunner } from '@simforge/db';

const gameSql = createSqlRunner({
  dir: new URL('../sql/', import.meta.url),
  namePattern: /^game_[a-z0-9_]+$/,
});

/** Runs `sql/<name>.sql` with positional parameters. */
export const runGameSql = gameSql.run;

/** Runs a multi-statement `sql/<name>.sql` without parameters. */
export const execGameSql = gameSql.exec;
