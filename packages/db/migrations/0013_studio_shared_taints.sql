-- A shared result carries the same warning its owner sees when a node that computed some of
-- its chunks was later quarantined (public.job_taints, migration 0020). The share page runs
-- as studio_auth, which has no table privileges, so the marks come through a SECURITY
-- DEFINER function beside studio.shared_result (0011), returning only counts and reasons:
-- like the shared result itself, no node key and no user id leaves through a link.
--
-- plpgsql, not sql: this file sorts before 0020, which creates public.job_taints, and a
-- plpgsql body is resolved when it first runs rather than when it is created, so the same
-- file applies on a fresh database (0013 then 0020) and on one that already has 0020.
CREATE OR REPLACE FUNCTION studio.shared_result_taints(p_token text)
RETURNS TABLE (unverified_chunks integer, reason text, created_at timestamptz)
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
  RETURN QUERY
  SELECT t.unverified_chunks, t.reason, t.created_at
  FROM public.share_links s
  JOIN public.jobs j ON j.id = s.job_id
  JOIN public.job_taints t ON t.job_id = j.id
  WHERE s.token = p_token AND j.status = 'completed'
  ORDER BY t.created_at, t.node_public_key;
END
$$;

REVOKE ALL ON FUNCTION studio.shared_result_taints(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION studio.shared_result_taints(text) TO studio_auth;
