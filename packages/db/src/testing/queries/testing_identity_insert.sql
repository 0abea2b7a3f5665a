-- Test fixtures only: a linked provider account (provider 'discord': provider_id is the Discord id).
-- $1 user id, $2 provider, $3 provider_id
INSERT INTO auth.identities (user_id, provider, provider_id) VALUES ($1, $2, $3) RETURNING id;
