-- $1: jsonb array of RandPropPointsData objects.
INSERT INTO game.rand_prop_points (item_level, data)
SELECT (r ->> 'itemLevel')::integer, r
FROM jsonb_array_elements($1::jsonb) AS r
