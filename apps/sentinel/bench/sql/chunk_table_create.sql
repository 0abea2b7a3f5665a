-- Benchmark (b) only: the chunk table the spec rejects, one row per chunk, as the baseline.
DROP TABLE IF EXISTS bench_chunks;
CREATE TABLE bench_chunks (
  job_id int NOT NULL,
  chunk_index int NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  node_key text,
  attempt int NOT NULL DEFAULT 0,
  lease_expires_at timestamptz,
  partial bytea,
  PRIMARY KEY (job_id, chunk_index)
);
CREATE INDEX bench_chunks_pending ON bench_chunks (job_id, chunk_index) WHERE status = 'pending';
