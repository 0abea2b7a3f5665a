SELECT id, data FROM game.specs WHERE id = ANY($1::integer[])
