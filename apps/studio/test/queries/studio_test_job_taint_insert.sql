-- Tests only: a mark on a completed job, as jobs_taint_for_node.sql writes it when a node is
-- quarantined. $1 job id, $2 node public key, $3 unverified chunks, $4 reason.
INSERT INTO public.job_taints (job_id, node_public_key, unverified_chunks, reason)
VALUES ($1, $2, $3, $4);
