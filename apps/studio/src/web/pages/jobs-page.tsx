// The user's jobs, newest first, with live progress, cancel and resubmit.
import { useCallback, useEffect, useState } from 'react';
import type { JobEvent, JobListResponse, JobResponse, JobSummary } from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';
import { fmt1, fmtAgo, fmtInt } from '../format.ts';
import { useJobEvents } from '../job-events.ts';
import { linkProps, navigate } from '../router.ts';

export function applyJobEvent<T extends JobSummary>(job: T, event: JobEvent): T {
  if (event.type === 'resync' || job.id !== event.id) return job;
  if (event.type === 'progress') {
    return { ...job, status: job.status === 'pending' ? 'running' : job.status, progress: event };
  }
  // A finished job's reason or result arrives only with the reload the event triggers; showing
  // "failed" or "completed" before it would render an empty reason or an empty report.
  if (event.status === 'failed' || event.status === 'completed') return job;
  return { ...job, status: event.status };
}

export function ProgressBar({ job }: { job: JobSummary }) {
  const target = job.progress?.iterationsTarget ?? job.iterationsTarget ?? 0;
  const done = job.status === 'completed' ? target : (job.progress?.iterationsDone ?? 0);
  const pct = target > 0 ? Math.min(100, (done / target) * 100) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuenow={Math.round(pct)}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-label" data-testid="progress-label">
        {Math.floor(pct)}%
      </span>
    </div>
  );
}

export function JobsPage() {
  const [jobs, setJobs] = useState<JobSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await api.get<JobListResponse>('/api/jobs');
    setJobs(res.jobs);
  }, []);

  useEffect(() => {
    load().catch((err) => setError(String(err)));
  }, [load]);

  const onEvent = useCallback(
    (event: JobEvent) => {
      setJobs((list) => list?.map((job) => applyJobEvent(job, event)) ?? list);
      if (event.type !== 'progress') load().catch(() => undefined);
    },
    [load],
  );
  useJobEvents(onEvent);

  const act = async (path: string) => {
    setError(null);
    try {
      const res = await api.post<JobResponse<JobSummary>>(path);
      if (path.endsWith('/resubmit')) navigate(`/jobs/${res.job.id}`);
      else await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (!jobs) return <p className="panel muted">Loading jobs…</p>;
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>Jobs</h2>
        <a className="button primary" {...linkProps('/simulate')}>
          New simulation
        </a>
      </div>
      {error && <p className="error">{error}</p>}
      {jobs.length === 0 ? (
        <p className="muted">No jobs yet. Simulate a profile to see it here.</p>
      ) : (
        <table className="table jobs-table">
          <thead>
            <tr>
              <th>Character</th>
              <th>Stop after</th>
              <th>Status</th>
              <th className="num">DPS</th>
              <th>Progress</th>
              <th>Submitted</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-job-id={job.id} data-status={job.status}>
                <td>
                  <a {...linkProps(`/jobs/${job.id}`)}>{job.title}</a>
                </td>
                <td>{job.strategy}</td>
                <td>
                  <span className={`status status-${job.status}`}>{job.status}</span>
                  {job.failureReason && <div className="muted small">{job.failureReason}</div>}
                </td>
                <td className="num">
                  {job.dps === null ? '—' : fmtInt(job.dps)}
                  {job.dpsError !== null && <span className="muted small"> ± {fmt1(job.dpsError)}</span>}
                </td>
                <td>{job.status === 'failed' ? '—' : <ProgressBar job={job} />}</td>
                <td className="muted">{fmtAgo(job.createdAt)}</td>
                <td>
                  <div className="actions">
                    {(job.status === 'pending' || job.status === 'running') && (
                      <button type="button" onClick={() => act(`/api/jobs/${job.id}/cancel`)}>
                        Cancel
                      </button>
                    )}
                    {job.status === 'failed' && (
                      <button type="button" onClick={() => act(`/api/jobs/${job.id}/resubmit`)}>
                        Resubmit
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
