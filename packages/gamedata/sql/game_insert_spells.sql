-- $1: jsonb array of SpellData objects.
INSERT INTO game.spells (id, name, school_mask, class_set_id, data)
SELECT (r ->> 'id')::integer, r ->> 'name', (r ->> 'schoolMask')::integer, (r ->> 'classSetId')::integer, r
FROM jsonb_array_elements($1::jsonb) AS r
