-- $1: jsonb array of EnchantmentData objects.
INSERT INTO game.item_enchantments (id, name, data)
SELECT (r ->> 'id')::integer, r ->> 'name', r
FROM jsonb_array_elements($1::jsonb) AS r
