-- Tests only: the rows a refused request must not have written.
SELECT
  (SELECT count(*) FROM public.jobs)::int AS jobs,
  (SELECT count(*) FROM public.share_links)::int AS share_links,
  (SELECT count(*) FROM auth.users)::int AS users,
  (SELECT count(*) FROM studio.sessions)::int AS sessions,
  (SELECT count(*) FILTER (WHERE user_id IS NOT NULL) FROM public.nodes)::int AS linked_nodes;
