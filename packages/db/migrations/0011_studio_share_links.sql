-- Share links, and the job-status notification the studio relays to open pages.
--
-- A share link lives in its own table rather than as a column of public.jobs: a job's
-- database footprint is exactly its four lifecycle writes (DESIGN.md, invariant 1), and
-- turning sharing on or off is not one of them.

CREATE TABLE IF NOT EXISTS public.share_links (
  job_id uuid PRIMARY KEY REFERENCES public.jobs (id) ON DELETE CASCADE,
  user_id uuid NOT NULL DEFAULT auth.uid() REFERENCES auth.users (id) ON DELETE CASCADE,
  -- 32 random bytes, base64url: unguessable, so the link itself is the capability.
  token text NOT NULL UNIQUE CHECK (token ~ '^[A-Za-z0-9_-]{43}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE public.share_links ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS share_links_owner_select ON public.share_links;
CREATE POLICY share_links_owner_select ON public.share_links
  FOR SELECT TO authenticated USING (user_id = auth.uid());

-- The owner may share only a job that is theirs.
DROP POLICY IF EXISTS share_links_owner_insert ON public.share_links;
CREATE POLICY share_links_owner_insert ON public.share_links
  FOR INSERT TO authenticated
  WITH CHECK (
    user_id = auth.uid()
    AND EXISTS (SELECT 1 FROM public.jobs j WHERE j.id = job_id AND j.user_id = auth.uid())
  );

DROP POLICY IF EXISTS share_links_owner_delete ON public.share_links;
CREATE POLICY share_links_owner_delete ON public.share_links
  FOR DELETE TO authenticated USING (user_id = auth.uid());

GRANT SELECT, INSERT, DELETE ON public.share_links TO authenticated;

-- Reading a shared result needs no account: the token is the capability. Only a completed
-- job is returned, and only what the result page draws (no user id, no sentinel config).
CREATE OR REPLACE FUNCTION studio.shared_result(p_token text)
RETURNS TABLE (
  job_id uuid,
  created_at timestamptz,
  updated_at timestamptz,
  profile text,
  meta jsonb,
  result_pb bytea,
  timeline_pb bytea
)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = ''
AS $$
  SELECT j.id, j.created_at, j.updated_at, j.sim_config ->> 'profile', j.meta, j.result_pb, j.timeline_pb
  FROM public.share_links s
  JOIN public.jobs j ON j.id = s.job_id
  WHERE s.token = p_token AND j.status = 'completed';
$$;

REVOKE ALL ON FUNCTION studio.shared_result(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION studio.shared_result(text) TO studio_auth;

-- Status changes (running, completed, failed, cancelled) reach open pages at once instead of
-- on the next poll. A notification is not a write: the job's footprint is unchanged.
CREATE OR REPLACE FUNCTION studio.notify_job_status()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify(
    'job_status',
    json_build_object('id', NEW.id, 'userId', NEW.user_id, 'status', NEW.status)::text
  );
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS studio_job_status_notify ON public.jobs;
CREATE TRIGGER studio_job_status_notify
  AFTER UPDATE OF status ON public.jobs
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION studio.notify_job_status();
