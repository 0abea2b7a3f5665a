-- A curve with its points in order, shaped as CurveData.
SELECT c.id, jsonb_build_object(
  'id', c.id, 'type', c.type, 'flags', c.flags,
  'points', coalesce(
    (SELECT jsonb_agg(jsonb_build_object('x', p.x, 'y', p.y) ORDER BY p.order_index)
     FROM game.curve_points AS p WHERE p.curve_id = c.id),
    '[]'::jsonb)
) AS data
FROM game.curves AS c
WHERE c.id = ANY($1::integer[])
