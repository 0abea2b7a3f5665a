// What the four editor pages share below and beside the editor: the server check's outcome, and
// posting the job with its button.
import { useState } from 'react';
import type { JobResponse, JobSummary, SubmitJobRequest, SubmitOptions } from '../../api-contract.ts';
import { api } from '../api-client.ts';
import { type ProfileCheckState, profileErrorsOf } from '../profile-check.ts';
import { navigate } from '../router.ts';
import { TalentsPanel } from './talents-panel.tsx';

/** The server check's answer under an editor: its refusal, or the talents as the engine reads them. */
export function CheckOutcome({ check }: { check: ProfileCheckState }) {
  if (check.errors.length > 0) return null;
  return (
    <>
      {check.checkError && <p className="error">{check.checkError}</p>}
      {check.talents && <TalentsPanel talents={check.talents} />}
    </>
  );
}

export interface SubmitState {
  busy: boolean;
  error: string | null;
  run: (profile: string, options: SubmitOptions) => Promise<void>;
  fail: (message: string) => void;
}

/**
 * Posts a job and opens its page; a refusal that names lines marks them in the editor (`check`;
 * null when the text sent is not the editor's, whose lines the refusal would not match).
 */
export function useSubmit(check: Pick<ProfileCheckState, 'setErrors'> | null): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (profile: string, options: SubmitOptions) => {
    setBusy(true);
    setError(null);
    try {
      const request: SubmitJobRequest = { profile, options };
      const res = await api.post<JobResponse<JobSummary>>('/api/jobs', request);
      navigate(`/jobs/${res.job.id}`);
    } catch (err) {
      const profileErrors = profileErrorsOf(err);
      if (profileErrors && check) check.setErrors(profileErrors);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, fail: setError };
}

export function SubmitButton(props: {
  label: string;
  submit: SubmitState;
  /** Why the button is disabled, shown under it; null when it is not. */
  blocked: string | null;
  onClick: () => void;
}) {
  return (
    <>
      <button
        type="button"
        className="primary big"
        disabled={props.submit.busy || props.blocked !== null}
        onClick={props.onClick}
        data-testid="simulate"
      >
        {props.submit.busy ? 'Submitting…' : props.label}
      </button>
      {props.blocked && <p className="error">{props.blocked}</p>}
      {props.submit.error && (
        <p className="error" role="alert">
          {props.submit.error}
        </p>
      )}
    </>
  );
}
