-- Run as the signed-in user: RLS checks user_id = auth.uid(). $1 sim_config, $2 sentinel_config.
INSERT INTO public.jobs (user_id, sim_config, sentinel_config)
VALUES (auth.uid(), $1::jsonb, $2::jsonb)
RETURNING id, status, created_at, updated_at;
