-- The migrator's own bookkeeping, outside the schemas that PostgREST exposes.
CREATE SCHEMA IF NOT EXISTS simforge;
CREATE TABLE IF NOT EXISTS simforge.migrations (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
