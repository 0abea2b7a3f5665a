-- The public schema: the operational state of the platform. Two tables carry the
-- distribution system; in-flight chunk state deliberately never reaches the database
-- (it lives in the sentinel's JobRuntime), so a job is written only at its four moments:
-- insert at pending, pending -> running, running -> completed, or -> failed.

CREATE TABLE public.jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL DEFAULT auth.uid() REFERENCES auth.users (id) ON DELETE CASCADE,
  sim_config jsonb NOT NULL CONSTRAINT jobs_sim_config_object CHECK (jsonb_typeof(sim_config) = 'object'),
  sentinel_config jsonb NOT NULL
    CONSTRAINT jobs_sentinel_config_object CHECK (jsonb_typeof(sentinel_config) = 'object'),
  meta jsonb NOT NULL DEFAULT '{}'::jsonb CONSTRAINT jobs_meta_object CHECK (jsonb_typeof(meta) = 'object'),
  status text NOT NULL DEFAULT 'pending'
    CONSTRAINT jobs_status_known CHECK (status IN ('pending', 'running', 'completed', 'failed')),
  -- Protobuf (JobResult, JobTimeline from packages/common/proto).
  result_pb bytea,
  timeline_pb bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_user_id_created_at_idx ON public.jobs (user_id, created_at DESC);
-- The sentinel's sweeps (pending at boot and after reconnects, running at boot) read by status.
CREATE INDEX jobs_active_status_idx ON public.jobs (status, created_at) WHERE status IN ('pending', 'running');

-- A node's public_key is the base64url (no padding) of its raw 32-byte Ed25519 key: 43
-- characters whose last one carries 4 data bits, so it is one of the 16 with the low 2 bits zero.
CREATE TABLE public.nodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  public_key text NOT NULL UNIQUE
    CONSTRAINT nodes_public_key_ed25519 CHECK (public_key ~ '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$'),
  -- NULL until the owner links the node with its claim code (public.claim_node).
  user_id uuid REFERENCES auth.users (id) ON DELETE CASCADE,
  name text NOT NULL CONSTRAINT nodes_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
  total_cores integer NOT NULL CONSTRAINT nodes_total_cores_positive CHECK (total_cores > 0),
  max_parallel integer NOT NULL CONSTRAINT nodes_max_parallel_positive CHECK (max_parallel > 0),
  platform text NOT NULL DEFAULT '',
  version text NOT NULL DEFAULT '',
  -- pending: registered, never reconciled yet; online/offline: set by the presence cron.
  status text NOT NULL DEFAULT 'pending'
    CONSTRAINT nodes_status_known CHECK (status IN ('pending', 'online', 'offline')),
  claim_code text UNIQUE,
  iterations_total bigint NOT NULL DEFAULT 0 CONSTRAINT nodes_iterations_total_nonnegative CHECK (iterations_total >= 0),
  chunks_total bigint NOT NULL DEFAULT 0 CONSTRAINT nodes_chunks_total_nonnegative CHECK (chunks_total >= 0),
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nodes_user_id_idx ON public.nodes (user_id);
CREATE INDEX nodes_online_idx ON public.nodes (status) WHERE status = 'online';

CREATE FUNCTION public.jobs_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER jobs_touch_updated_at BEFORE UPDATE ON public.jobs
  FOR EACH ROW EXECUTE FUNCTION public.jobs_touch_updated_at();

-- What wakes the scheduler. Delivered at commit, so the sentinel never loads a job that is
-- not visible yet; lost while the sentinel's LISTEN connection is down, hence its sweeps.
CREATE FUNCTION public.notify_pending_job() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify('pending_job', NEW.id::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER jobs_notify_pending AFTER INSERT ON public.jobs
  FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION public.notify_pending_job();

-- Row-level security. The sentinel connects as the tables' owner, which RLS does not apply
-- to (no FORCE); service_role bypasses it by attribute. Grants are explicit because
-- Supabase's default privileges would otherwise hand anon everything in public.
ALTER TABLE public.jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.nodes ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON public.jobs, public.nodes FROM PUBLIC, anon, authenticated;
GRANT ALL ON public.jobs, public.nodes TO service_role;

-- Users read and submit their own jobs; every later transition is the sentinel's, except
-- cancelling, which goes through public.cancel_job.
GRANT SELECT ON public.jobs TO authenticated;
GRANT INSERT (user_id, sim_config, sentinel_config, meta) ON public.jobs TO authenticated;
CREATE POLICY jobs_select_own ON public.jobs FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE POLICY jobs_insert_own ON public.jobs FOR INSERT TO authenticated
  WITH CHECK (user_id = auth.uid() AND status = 'pending' AND result_pb IS NULL AND timeline_pb IS NULL);

-- Users see their nodes, may rename or remove them, and link new ones with a claim code.
GRANT SELECT, DELETE ON public.nodes TO authenticated;
GRANT INSERT (public_key, user_id, name, total_cores, max_parallel, platform, version) ON public.nodes TO authenticated;
GRANT UPDATE (name) ON public.nodes TO authenticated;
CREATE POLICY nodes_select_own ON public.nodes FOR SELECT TO authenticated USING (user_id = auth.uid());
CREATE POLICY nodes_insert_own ON public.nodes FOR INSERT TO authenticated WITH CHECK (user_id = auth.uid());
CREATE POLICY nodes_update_own ON public.nodes FOR UPDATE TO authenticated
  USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
CREATE POLICY nodes_delete_own ON public.nodes FOR DELETE TO authenticated USING (user_id = auth.uid());

-- Links the unlinked node holding `code` to the calling user. SECURITY DEFINER because
-- the caller cannot see an unlinked node; the claim code is the proof of possession and is
-- cleared on use. Raises P0002 for an unknown or used code and 42501 when signed out.
CREATE FUNCTION public.claim_node(code text) RETURNS public.nodes
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
  claimed public.nodes;
BEGIN
  IF auth.uid() IS NULL THEN
    RAISE EXCEPTION 'claim_node requires a signed-in user' USING ERRCODE = '42501';
  END IF;
  UPDATE public.nodes n
  SET user_id = auth.uid(), claim_code = NULL
  WHERE n.claim_code = code AND n.user_id IS NULL
  RETURNING n.* INTO claimed;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown or already used claim code' USING ERRCODE = 'P0002';
  END IF;
  RETURN claimed;
END
$$;

-- Fails the caller's own pending or running job with meta.reason = 'cancelled' and tells
-- the sentinel to drop its runtime. Returns false when there was nothing to cancel.
CREATE FUNCTION public.cancel_job(id uuid) RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
  UPDATE public.jobs j
  SET status = 'failed', meta = j.meta || jsonb_build_object('reason', 'cancelled')
  WHERE j.id = cancel_job.id AND j.user_id = auth.uid() AND j.status IN ('pending', 'running');
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM pg_notify('job_cancelled', cancel_job.id::text);
  RETURN true;
END
$$;

REVOKE ALL ON FUNCTION public.claim_node(text), public.cancel_job(uuid) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.claim_node(text), public.cancel_job(uuid) TO authenticated, service_role;
REVOKE ALL ON FUNCTION public.notify_pending_job(), public.jobs_touch_updated_at() FROM PUBLIC, anon, authenticated;
