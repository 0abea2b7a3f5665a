-- A node was quarantined: mark every completed job whose result holds chunks that only this
-- node computed (meta.nodes[].unverifiedChunks > 0). Idempotent per (job, node).
-- $1 public key, $2 reason
INSERT INTO public.job_taints (job_id, node_public_key, unverified_chunks, reason)
SELECT j.id, $1::text, (entry ->> 'unverifiedChunks')::integer, $2::text
FROM public.jobs j
CROSS JOIN LATERAL jsonb_array_elements(COALESCE(j.meta -> 'nodes', '[]'::jsonb)) AS entry
WHERE j.status = 'completed'
  AND entry ->> 'publicKey' = $1::text
  AND COALESCE((entry ->> 'unverifiedChunks')::integer, 0) > 0
ON CONFLICT (job_id, node_public_key) DO NOTHING
RETURNING job_id;
