// One job: live progress while it runs, the report once it completes, the reason and a
// Resubmit button if it failed, and the owner's share toggle.
import { decodeJobResult, type JobResultView } from '@simforge/common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JobDetail, JobEvent, JobResponse, ShareResponse } from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';
import { ResultReport } from '../components/result-report.tsx';
import { useJobEvents } from '../job-events.ts';
import { resourceNameOf } from '../resource-name.ts';
import { navigate } from '../router.ts';
import { applyJobEvent, ProgressBar } from './jobs-page.tsx';

export function ResultPage({ jobId }: { jobId: string }) {
  const [job, setJob] = useState<JobDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // First progress seen on this page, for a rate and a time-left estimate.
  const firstProgress = useRef<{ atMs: number; done: number } | null>(null);

  const load = useCallback(async () => {
    const res = await api.get<JobResponse>(`/api/jobs/${encodeURIComponent(jobId)}`);
    setJob(res.job);
  }, [jobId]);

  useEffect(() => {
    setJob(null);
    load().catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [load]);

  const onEvent = useCallback(
    (event: JobEvent) => {
      if (event.type === 'resync') {
        load().catch(() => undefined);
        return;
      }
      if (event.id !== jobId) return;
      if (event.type === 'progress' && !firstProgress.current) {
        firstProgress.current = { atMs: performance.now(), done: event.iterationsDone };
      }
      setJob((current) => (current ? applyJobEvent(current, event) : current));
      if (event.type === 'status') load().catch(() => undefined);
    },
    [jobId, load],
  );
  useJobEvents(onEvent);

  const view = useMemo<JobResultView | null>(
    () => (job?.resultHex ? decodeJobResult(job.resultHex, job.timelineHex) : null),
    [job?.resultHex, job?.timelineHex],
  );
  // Parsed once per profile, not on every progress render.
  const resourceName = useMemo(() => resourceNameOf(job?.profile), [job?.profile]);

  const act = async (action: 'cancel' | 'resubmit') => {
    setError(null);
    try {
      const res = await api.post<JobResponse>(`/api/jobs/${jobId}/${action}`);
      if (action === 'resubmit') navigate(`/jobs/${res.job.id}`);
      else await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const toggleShare = async (enabled: boolean) => {
    try {
      const res = await api.put<ShareResponse>(`/api/jobs/${jobId}/share`, { enabled });
      setJob((current) => (current ? { ...current, shareToken: res.shareToken } : current));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (error && !job) return <p className="panel error">{error}</p>;
  if (!job) return <p className="panel muted">Loading…</p>;

  return (
    <div className="result-page" data-status={job.status}>
      <section className="panel job-head">
        <div>
          <h1>{job.title}</h1>
          <p className="muted">
            {job.strategy} · submitted {new Date(job.createdAt).toLocaleString()} ·{' '}
            <span className={`status status-${job.status}`} data-testid="job-status">
              {job.status}
            </span>
          </p>
        </div>
        <div className="actions">
          {(job.status === 'pending' || job.status === 'running') && (
            <button type="button" onClick={() => act('cancel')}>
              Cancel
            </button>
          )}
          {job.status === 'failed' && (
            <button type="button" className="primary" onClick={() => act('resubmit')}>
              Resubmit
            </button>
          )}
          {job.status === 'completed' && <ShareToggle token={job.shareToken} onToggle={toggleShare} />}
        </div>
      </section>
      {error && <p className="error">{error}</p>}
      {job.status !== 'failed' && (
        <section className="panel">
          <h2>
            {job.status === 'pending'
              ? 'Waiting for a node…'
              : job.status === 'running'
                ? 'Simulating…'
                : `Simulated ${(view?.iterations ?? job.iterationsTarget ?? 0).toLocaleString('en-US')} iterations`}
          </h2>
          <ProgressBar job={job} />
          {job.status !== 'completed' && job.progress && (
            <p className="muted">
              {job.progress.iterationsDone.toLocaleString('en-US')} of{' '}
              {job.progress.iterationsTarget.toLocaleString('en-US')} iterations
              {rateText(firstProgress.current, job.progress)}
            </p>
          )}
        </section>
      )}
      {job.status === 'failed' && (
        <section className="panel">
          <h2>This job failed</h2>
          <p className="error" data-testid="failure-reason">
            Reason: {job.failureReason}
          </p>
        </section>
      )}
      {view && (
        <ResultReport
          view={view}
          run={job.run}
          resourceName={resourceName}
          taints={job.taints}
          audience="owner"
          comparison={job.comparison}
          title={job.title}
        />
      )}
      <section className="panel">
        <details>
          <summary className="muted">Profile as simulated</summary>
          <pre className="spell-data">{job.profile}</pre>
        </details>
      </section>
    </div>
  );
}

function ShareToggle({ token, onToggle }: { token: string | null; onToggle: (enabled: boolean) => void }) {
  const url = token ? `${window.location.origin}/share/${token}` : null;
  return (
    <div className="share">
      <label className="inline">
        <input type="checkbox" checked={token !== null} onChange={(e) => onToggle(e.target.checked)} />
        Share link
      </label>
      {url && (
        <input
          className="share-url"
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
          data-testid="share-url"
        />
      )}
    </div>
  );
}

function rateText(
  first: { atMs: number; done: number } | null,
  progress: { iterationsDone: number; iterationsTarget: number },
): string {
  if (!first) return '';
  const seconds = (performance.now() - first.atMs) / 1000;
  const rate = (progress.iterationsDone - first.done) / seconds;
  if (!(seconds > 0.5 && rate > 0)) return '';
  const left = Math.max(0, (progress.iterationsTarget - progress.iterationsDone) / rate);
  return ` · ${Math.round(rate).toLocaleString('en-US')} iterations/s · about ${Math.ceil(left)} s left`;
}
