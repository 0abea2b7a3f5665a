-- $1 job id, $2 chunks
INSERT INTO bench_chunks (job_id, chunk_index)
SELECT $1::int, g FROM generate_series(0, $2::int - 1) AS g;
