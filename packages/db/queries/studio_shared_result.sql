-- $1 share token. One completed job's result, or no row.
SELECT job_id, created_at, updated_at, profile, meta, result_pb, timeline_pb
FROM studio.shared_result($1);
