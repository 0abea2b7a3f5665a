// A job's lifecycle as the parts tell each other about it through Postgres: its status (the
// check constraint on `public.jobs.status`, migration 0002) and the JSON payloads of the two
// NOTIFY channels. The sentinel sends `job_progress`; migration 0011's trigger sends
// `job_status`; the studio's relay and the CLI's watch listen to both.

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface JobProgress {
  iterationsDone: number;
  iterationsTarget: number;
}

/** `NOTIFY job_progress`, at most about once a second per running job, never written to a table. */
export interface JobProgressNotice extends JobProgress {
  id: string;
  userId: string;
}

/** `NOTIFY job_status`, on every status change. */
export interface JobStatusNotice {
  id: string;
  userId: string;
  status: JobStatus;
}
