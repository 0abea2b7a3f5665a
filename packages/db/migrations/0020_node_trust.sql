-- Trust no node (docs/sentinel.md, "Verification"). Each node's trust record lives here so a
-- sentinel restart launders nothing: agreeing checks since its last disagreement (what its
-- verification rate decays on), all checks, disagreements, refused partials, and the rate the
-- sentinel applies now. A node caught lying is 'quarantined' with a reason and gets no work
-- until its owner re-links it (relink_node), which bumps trust_epoch so a sentinel holding
-- the old record in memory starts the node over instead of writing the old record back.
-- Users can read these columns of their own nodes (nodes_select_own) but never write them:
-- 0002 and 0012 grant UPDATE on name and max_parallel only.
ALTER TABLE public.nodes DROP CONSTRAINT nodes_status_known;
ALTER TABLE public.nodes
  ADD CONSTRAINT nodes_status_known CHECK (status IN ('pending', 'online', 'offline', 'quarantined')),
  ADD COLUMN trust_agreements bigint NOT NULL DEFAULT 0
    CONSTRAINT nodes_trust_agreements_nonnegative CHECK (trust_agreements >= 0),
  ADD COLUMN trust_checks bigint NOT NULL DEFAULT 0
    CONSTRAINT nodes_trust_checks_nonnegative CHECK (trust_checks >= 0),
  ADD COLUMN trust_disagreements integer NOT NULL DEFAULT 0
    CONSTRAINT nodes_trust_disagreements_nonnegative CHECK (trust_disagreements >= 0),
  ADD COLUMN trust_refusals integer NOT NULL DEFAULT 0
    CONSTRAINT nodes_trust_refusals_nonnegative CHECK (trust_refusals >= 0),
  ADD COLUMN verification_rate real NOT NULL DEFAULT 1
    CONSTRAINT nodes_verification_rate_fraction CHECK (verification_rate >= 0 AND verification_rate <= 1),
  ADD COLUMN trust_epoch integer NOT NULL DEFAULT 0,
  ADD COLUMN quarantine_reason text CONSTRAINT nodes_quarantine_reason_length CHECK (char_length(quarantine_reason) <= 500),
  ADD COLUMN quarantined_at timestamptz,
  ADD CONSTRAINT nodes_quarantine_has_reason CHECK ((status = 'quarantined') = (quarantine_reason IS NOT NULL));

-- A finished job that holds a chunk only a later-quarantined node computed (unchecked or
-- waived) is marked here, not rewritten: the result stays as it was and the studio says which
-- node and how many chunks. Written by the sentinel only; users read their own jobs' marks.
CREATE TABLE public.job_taints (
  job_id uuid NOT NULL REFERENCES public.jobs (id) ON DELETE CASCADE,
  node_public_key text NOT NULL,
  unverified_chunks integer NOT NULL CONSTRAINT job_taints_chunks_positive CHECK (unverified_chunks > 0),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, node_public_key)
);
ALTER TABLE public.job_taints ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON public.job_taints FROM PUBLIC, anon, authenticated;
GRANT ALL ON public.job_taints TO service_role;
GRANT SELECT ON public.job_taints TO authenticated;
CREATE POLICY job_taints_select_own ON public.job_taints FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM public.jobs j WHERE j.id = job_taints.job_id AND j.user_id = auth.uid()));

-- The owner takes a quarantined node back: it starts over as a new node (every result
-- checked). Raises P0002 when the caller has no quarantined node with this id.
CREATE FUNCTION public.relink_node(id uuid) RETURNS public.nodes
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
  relinked public.nodes;
BEGIN
  IF auth.uid() IS NULL THEN
    RAISE EXCEPTION 'relink_node requires a signed-in user' USING ERRCODE = '42501';
  END IF;
  UPDATE public.nodes n
  SET status = 'offline', quarantine_reason = NULL, quarantined_at = NULL, trust_agreements = 0,
    trust_refusals = 0, verification_rate = 1, trust_epoch = n.trust_epoch + 1
  WHERE n.id = relink_node.id AND n.user_id = auth.uid() AND n.status = 'quarantined'
  RETURNING n.* INTO relinked;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no quarantined node of yours has this id' USING ERRCODE = 'P0002';
  END IF;
  RETURN relinked;
END
$$;
REVOKE ALL ON FUNCTION public.relink_node(uuid) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.relink_node(uuid) TO authenticated, service_role;
