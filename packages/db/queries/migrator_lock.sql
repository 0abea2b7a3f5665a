-- Serializes migrators on one database until the surrounding transaction ends.
SELECT pg_advisory_xact_lock(7316150001);
