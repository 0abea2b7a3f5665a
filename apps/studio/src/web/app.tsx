// The shell: who is signed in, the navigation bar, and which page to draw. Signed-out
// visitors see the sign-in form everywhere except a share link, which is public by design.
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import type { SessionResponse, SessionUser } from '../api-contract.ts';
import { api } from './api-client.ts';
import { ComparePage } from './pages/compare-page.tsx';
import { JobsPage } from './pages/jobs-page.tsx';
import { NodesPage } from './pages/nodes-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { SimulatePage } from './pages/simulate-page.tsx';
import { SpellsPage } from './pages/spells-page.tsx';
import { TopGearPage } from './pages/top-gear-page.tsx';
import { WeightsPage } from './pages/weights-page.tsx';
import { linkProps, navigate, type Route, useRoute } from './router.ts';

// The report (uPlot and the protobuf decoder) is its own chunk: the sign-in form and the
// editor paint without it, and it is fetched in the background as soon as someone is signed
// in, so it is already there when their first result is.
const loadReport = () => import('./pages/result-page.tsx');
const ResultPage = lazy(() => loadReport().then((m) => ({ default: m.ResultPage })));
const SharePage = lazy(() => import('./pages/share-page.tsx').then((m) => ({ default: m.SharePage })));
const pageFallback = <p className="panel muted">Loading…</p>;

type SessionState = { loading: true } | { loading: false; user: SessionUser | null };

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<SessionState>({ loading: true });

  const refresh = useCallback(async () => {
    const res = await api.get<SessionResponse>('/api/session');
    setSession({ loading: false, user: res.user });
  }, []);

  useEffect(() => {
    refresh().catch(() => setSession({ loading: false, user: null }));
  }, [refresh]);

  const signedIn = !session.loading && session.user !== null;
  useEffect(() => {
    if (signedIn) loadReport().catch(() => undefined);
  }, [signedIn]);

  if (route.page === 'share') {
    return (
      <Shell route={route} user={null} onSignOut={null}>
        <Suspense fallback={pageFallback}>
          <SharePage token={route.token} />
        </Suspense>
      </Shell>
    );
  }
  if (session.loading) return <div className="boot">simforge</div>;
  if (!session.user) {
    return (
      <Shell route={route} user={null} onSignOut={null}>
        <SignInPage onSignedIn={(user) => setSession({ loading: false, user })} />
      </Shell>
    );
  }
  const signOut = async () => {
    await api.post('/api/auth/sign-out');
    setSession({ loading: false, user: null });
    navigate('/');
  };
  return (
    <Shell route={route} user={session.user} onSignOut={signOut}>
      <Suspense fallback={pageFallback}>
        <Page route={route} />
      </Suspense>
    </Shell>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'simulate':
      return <SimulatePage />;
    case 'compare':
      return <ComparePage />;
    case 'weights':
      return <WeightsPage />;
    case 'top-gear':
      return <TopGearPage />;
    case 'jobs':
      return <JobsPage />;
    case 'result':
      return <ResultPage jobId={route.jobId} />;
    case 'nodes':
      return <NodesPage />;
    case 'spells':
      return <SpellsPage spellId={route.spellId} />;
    case 'share':
      return <SharePage token={route.token} />;
    case 'not-found':
      return <p className="panel">Nothing here. Try the links above.</p>;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

const NAV: Array<{ label: string; path: string; pages: Route['page'][] }> = [
  { label: 'Simulate', path: '/simulate', pages: ['simulate'] },
  { label: 'Compare', path: '/compare', pages: ['compare'] },
  { label: 'Top Gear', path: '/top-gear', pages: ['top-gear'] },
  { label: 'Stat Weights', path: '/weights', pages: ['weights'] },
  { label: 'Jobs', path: '/jobs', pages: ['jobs', 'result'] },
  { label: 'Nodes', path: '/nodes', pages: ['nodes'] },
  { label: 'Spells', path: '/spells', pages: ['spells'] },
];

function Shell(props: {
  route: Route;
  user: SessionUser | null;
  onSignOut: (() => void) | null;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" {...linkProps('/')}>
          sim<span>forge</span>
        </a>
        {props.user && (
          <nav>
            {NAV.map((item) => (
              <a
                key={item.path}
                className={item.pages.includes(props.route.page) ? 'active' : ''}
                {...linkProps(item.path)}
              >
                {item.label}
              </a>
            ))}
          </nav>
        )}
        <div className="account">
          {props.user && (
            <>
              <span className="email">{props.user.email}</span>
              <button type="button" className="link" onClick={props.onSignOut ?? undefined}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <main>{props.children}</main>
    </div>
  );
}
