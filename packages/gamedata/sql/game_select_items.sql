SELECT id, data FROM game.items WHERE id = ANY($1::integer[])
