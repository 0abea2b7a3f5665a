-- $1: integer[] of spell ids.
SELECT id, data FROM game.spells WHERE id = ANY($1::integer[])
