-- Run as the signed-in user (game.* is readable by authenticated and anon).
-- $1 spell id or NULL, $2 name fragment (LIKE pattern, already escaped), $3 limit.
-- Exact id first, then names starting with the fragment, then the rest, alphabetically.
SELECT id, name, school_mask
FROM game.spells
WHERE id = $1 OR name ILIKE '%' || $2 || '%' ESCAPE '\'
ORDER BY (id = $1) IS TRUE DESC, name ILIKE $2 || '%' ESCAPE '\' DESC, name, id
LIMIT $3;
