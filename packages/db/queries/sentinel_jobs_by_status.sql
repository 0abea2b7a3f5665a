-- Job counts by status for the sentinel's /metrics.
SELECT status, count(*)::int AS count
FROM public.jobs
GROUP BY status
ORDER BY status;
