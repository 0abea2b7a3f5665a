-- $1: jsonb array of ItemBonusData objects.
INSERT INTO game.item_bonuses (id, bonus_list_id, type, "values", order_index)
SELECT
  (r ->> 'id')::integer,
  (r ->> 'bonusListId')::integer,
  (r ->> 'type')::integer,
  ARRAY(SELECT jsonb_array_elements_text(r -> 'values')::integer),
  (r ->> 'orderIndex')::integer
FROM jsonb_array_elements($1::jsonb) AS r
