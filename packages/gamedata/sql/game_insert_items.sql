-- $1: jsonb array of ItemData objects.
INSERT INTO game.items (id, name, item_level, inventory_type, data)
SELECT (r ->> 'id')::integer, r ->> 'name', (r ->> 'itemLevel')::integer, (r ->> 'inventoryType')::integer, r
FROM jsonb_array_elements($1::jsonb) AS r
