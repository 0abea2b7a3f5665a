-- $1: jsonb array of SpecData objects.
INSERT INTO game.specs (id, class_id, name, role, talent_tree_id, data)
SELECT (r ->> 'id')::integer, (r ->> 'classId')::integer, r ->> 'name', r ->> 'role', (r ->> 'talentTreeId')::integer, r
FROM jsonb_array_elements($1::jsonb) AS r
