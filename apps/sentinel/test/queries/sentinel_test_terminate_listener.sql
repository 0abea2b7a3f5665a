-- Tests only: cut the sentinel's LISTEN connection as a network failure or server restart
-- would. $1 application_name of the LISTEN connection (`<applicationName>:listen`)
SELECT pg_terminate_backend(pid) AS terminated
FROM pg_stat_activity
WHERE application_name = $1 AND datname = current_database();
