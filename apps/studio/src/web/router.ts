// A pushState router small enough to read in one sitting: the studio has nine pages and no
// nested layouts, so a route is a pattern match on location.pathname.
import { type MouseEvent, useEffect, useState } from 'react';

export type Route =
  | { page: 'simulate' }
  | { page: 'compare' }
  | { page: 'weights' }
  | { page: 'top-gear' }
  | { page: 'jobs' }
  | { page: 'result'; jobId: string }
  | { page: 'share'; token: string }
  | { page: 'nodes' }
  | { page: 'spells'; spellId: number | null }
  | { page: 'not-found' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  const [head, arg] = parts;
  if (parts.length === 0 || head === 'simulate') return { page: 'simulate' };
  if (head === 'compare') return { page: 'compare' };
  if (head === 'weights') return { page: 'weights' };
  if (head === 'top-gear') return { page: 'top-gear' };
  if (head === 'jobs' && !arg) return { page: 'jobs' };
  if (head === 'jobs' && arg) return { page: 'result', jobId: decodeURIComponent(arg) };
  if (head === 'share' && arg) return { page: 'share', token: decodeURIComponent(arg) };
  if (head === 'nodes') return { page: 'nodes' };
  if (head === 'spells') {
    const id = arg ? Number(arg) : Number.NaN;
    return { page: 'spells', spellId: Number.isInteger(id) ? id : null };
  }
  return { page: 'not-found' };
}

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** An in-app link: a real <a href> (so it opens in a new tab) that navigates without reload. */
export function linkProps(path: string): { href: string; onClick: (e: MouseEvent) => void } {
  return {
    href: path,
    onClick: (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(path);
    },
  };
}
