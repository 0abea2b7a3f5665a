// The profile editor and the fight options. A pasted SimulationCraft file with profileset lines
// runs as a comparison, as it would in SimulationCraft; the Compare page builds those lines.
import { useState } from 'react';
import type { JobResponse, JobSummary, SubmitJobRequest, SubmitOptions } from '../../api-contract.ts';
import { api } from '../api-client.ts';
import { useFightOptions } from '../components/fight-options.tsx';
import { ProfileEditor } from '../components/profile-editor.tsx';
import { TalentsPanel } from '../components/talents-panel.tsx';
import { DEFAULT_PROFILE } from '../default-profile.ts';
import {
  loadDraft,
  type ProfileCheckState,
  profileErrorsOf,
  saveDraft,
  useProfileCheck,
} from '../profile-check.ts';
import { navigate } from '../router.ts';

export function SimulatePage() {
  const [profile, setProfile] = useState(() => loadDraft(DEFAULT_PROFILE));
  const check = useProfileCheck(profile);
  const fight = useFightOptions({ comparison: check.variants > 0 });
  const submit = useSubmit(check);

  const edit = (text: string) => {
    setProfile(text);
    saveDraft(text);
  };

  return (
    <div className="simulate">
      <section className="panel editor-panel">
        <div className="panel-head">
          <h2>Profile</h2>
          <button
            type="button"
            className="link"
            onClick={() => edit(DEFAULT_PROFILE)}
            disabled={profile === DEFAULT_PROFILE}
          >
            Reset to default Beast Mastery
          </button>
        </div>
        <ProfileEditor value={profile} onChange={edit} errors={check.errors} warnings={check.warnings} />
        <CheckOutcome check={check} />
      </section>
      <aside className="panel options">
        {fight.form}
        <SubmitButton
          label={check.variants > 0 ? `Compare ${check.variants + 1} profiles` : 'Simulate'}
          submit={submit}
          blocked={check.errors.length > 0 ? 'Fix the profile errors to simulate.' : null}
          onClick={() => submit.run(profile, fight.options)}
        />
      </aside>
    </div>
  );
}

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
