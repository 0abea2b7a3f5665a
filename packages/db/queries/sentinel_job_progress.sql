-- Live progress for the studio to relay; no table is written.
-- $1 payload: {"id", "userId", "iterationsDone", "iterationsTarget"} as JSON text
SELECT pg_notify('job_progress', $1::text);
