SELECT id, data FROM game.item_enchantments WHERE id = ANY($1::integer[])
