-- Owners set their node's parallelism from the studio as well as its name. 0002 grants
-- UPDATE (name) and the owner-only policy nodes_update_own; this adds the one column, so a
-- user still cannot touch a node's key, owner, status, cores or contribution counters.
GRANT UPDATE (max_parallel) ON public.nodes TO authenticated;
