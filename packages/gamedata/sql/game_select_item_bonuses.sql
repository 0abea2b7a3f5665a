-- Whole bonus lists, each shaped as ItemBonusData[] in order.
SELECT bonus_list_id AS id, jsonb_agg(jsonb_build_object(
  'id', id, 'bonusListId', bonus_list_id, 'type', type, 'values', to_jsonb("values"), 'orderIndex', order_index
) ORDER BY order_index, id) AS data
FROM game.item_bonuses
WHERE bonus_list_id = ANY($1::integer[])
GROUP BY bonus_list_id
