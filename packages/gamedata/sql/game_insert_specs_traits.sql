-- $1: jsonb array of {"tree": TalentTree, "specIds": [int]}.
INSERT INTO game.specs_traits (tree_id, class_id, spec_ids, data)
SELECT
  (r -> 'tree' ->> 'id')::integer,
  (r -> 'tree' ->> 'classId')::integer,
  ARRAY(SELECT jsonb_array_elements_text(r -> 'specIds')::integer),
  r -> 'tree'
FROM jsonb_array_elements($1::jsonb) AS r
