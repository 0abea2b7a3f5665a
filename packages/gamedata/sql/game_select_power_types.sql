SELECT power_type_enum AS id, data FROM game.power_types WHERE power_type_enum = ANY($1::integer[])
