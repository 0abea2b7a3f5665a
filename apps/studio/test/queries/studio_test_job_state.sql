-- Tests only: one job's status, meta and owner, read as the owner role. $1 id.
SELECT id, user_id, status, meta FROM public.jobs WHERE id = $1;
