-- Benchmark (c): a database of its own on the throwaway cluster, migrated by the sentinel.
CREATE DATABASE simforge_http_bench;
