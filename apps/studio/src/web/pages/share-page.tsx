// A shared result, readable without an account: the report and nothing else.
import { decodeJobResult } from '@simforge/common';
import { useEffect, useMemo, useState } from 'react';
import type { SharedResult, SharedResultResponse } from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';
import { ResultReport } from '../components/result-report.tsx';

export function SharePage({ token }: { token: string }) {
  const [shared, setShared] = useState<SharedResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<SharedResultResponse>(`/api/share/${encodeURIComponent(token)}`)
      .then((res) => setShared(res.result))
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [token]);

  const view = useMemo(
    () => (shared ? decodeJobResult(shared.resultHex, shared.timelineHex) : null),
    [shared],
  );

  if (error) return <p className="panel error">{error}</p>;
  if (!shared || !view) return <p className="panel muted">Loading…</p>;
  return (
    <div className="result-page">
      <section className="panel job-head">
        <div>
          <h1>{shared.title}</h1>
          <p className="muted">Shared result · simulated {new Date(shared.createdAt).toLocaleString()}</p>
        </div>
      </section>
      <ResultReport
        view={view}
        run={shared.run}
        taints={shared.taints}
        audience="visitor"
        comparison={shared.comparison}
        title={shared.title}
      />
    </div>
  );
}
