-- $1: jsonb array of PowerTypeData objects.
INSERT INTO game.power_types (id, power_type_enum, token, data)
SELECT (r ->> 'id')::integer, (r ->> 'powerTypeEnum')::integer, r ->> 'token', r
FROM jsonb_array_elements($1::jsonb) AS r
