-- $1: jsonb array of CurveData objects; their points go to game.curve_points.
WITH c AS (
  INSERT INTO game.curves (id, type, flags)
  SELECT (r ->> 'id')::integer, (r ->> 'type')::integer, (r ->> 'flags')::integer
  FROM jsonb_array_elements($1::jsonb) AS r
  RETURNING id
)
INSERT INTO game.curve_points (curve_id, order_index, x, y)
SELECT (r ->> 'id')::integer, (p.ordinality - 1)::integer, (p.value ->> 'x')::double precision, (p.value ->> 'y')::double precision
FROM jsonb_array_elements($1::jsonb) AS r
CROSS JOIN LATERAL jsonb_array_elements(r -> 'points') WITH ORDINALITY AS p (value, ordinality)
WHERE (r ->> 'id')::integer IN (SELECT id FROM c)
