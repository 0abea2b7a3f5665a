SELECT tree_id AS id, data FROM game.specs_traits WHERE tree_id = ANY($1::integer[])
