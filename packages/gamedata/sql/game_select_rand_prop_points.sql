SELECT item_level AS id, data FROM game.rand_prop_points WHERE item_level = ANY($1::integer[])
