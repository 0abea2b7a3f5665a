-- $1 share token. The marks on the shared job (no node keys), or no rows.
SELECT unverified_chunks, reason, created_at FROM studio.shared_result_taints($1);
