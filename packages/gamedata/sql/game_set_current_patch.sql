-- $1: patch version, $2: source jsonb (dirs, files, row counts).
WITH cleared AS (
  UPDATE game.patches SET is_current = false WHERE is_current AND version <> $1 RETURNING version
)
INSERT INTO game.patches (version, is_current, imported_at, source)
SELECT $1, true, now(), $2::jsonb
FROM (SELECT count(*) FROM cleared) AS wait_for_clear
ON CONFLICT (version) DO UPDATE SET is_current = true, imported_at = now(), source = excluded.source
