// The profile editor and the fight options. The engine's parseProfile is pure, so it runs
// here on every keystroke (debounced) and the player sees errors before pressing Simulate.
// A profile that parses is then checked by the server against the game data (talent string,
// talent and spell names, items), which answers the talents as the engine reads them. The
// server checks again on submit because the browser is not a trust boundary.
import { type ProfileWarning, parseProfile } from '@simforge/engine';
import { useEffect, useState } from 'react';
import {
  FIGHT_STYLE_NAMES,
  type JobResponse,
  type JobSummary,
  type ProfileCheckResponse,
  type SubmitJobRequest,
  type TalentsView,
} from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';
import { type EditorError, ProfileEditor } from '../components/profile-editor.tsx';
import { TalentsPanel } from '../components/talents-panel.tsx';
import { DEFAULT_PROFILE } from '../default-profile.ts';
import { navigate } from '../router.ts';

type Mode = 'iterations' | 'target_error';

const DRAFT_KEY = 'simforge.profileDraft';
/** Drafts larger than this are not kept: far over any profile, and near what a browser stores. */
const MAX_DRAFT_CHARS = 512 * 1024;

/** Keeps the draft for a reload; a paste too large to store drops it rather than failing the page. */
function saveDraft(profile: string): void {
  try {
    if (profile.length > MAX_DRAFT_CHARS) sessionStorage.removeItem(DRAFT_KEY);
    else sessionStorage.setItem(DRAFT_KEY, profile);
  } catch {
    sessionStorage.removeItem(DRAFT_KEY);
  }
}
/** The server check waits for a pause in typing longer than the local parse does. */
const SERVER_CHECK_DELAY_MS = 400;

function profileErrorsOf(err: unknown): EditorError[] | null {
  if (!(err instanceof ApiError) || err.code !== 'SF_STUDIO_PROFILE_INVALID') return null;
  return (err.details as { errors?: EditorError[] } | undefined)?.errors ?? [];
}

export function SimulatePage() {
  const [profile, setProfile] = useState(() => sessionStorage.getItem(DRAFT_KEY) ?? DEFAULT_PROFILE);
  const [errors, setErrors] = useState<EditorError[]>([]);
  const [warnings, setWarnings] = useState<ProfileWarning[]>([]);
  const [fightLengthS, setFightLengthS] = useState(300);
  const [targets, setTargets] = useState(1);
  const [fightStyle, setFightStyle] = useState<string>(FIGHT_STYLE_NAMES[0]!);
  const [mode, setMode] = useState<Mode>('iterations');
  const [iterations, setIterations] = useState(10_000);
  const [targetErrorPct, setTargetErrorPct] = useState(0.1);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [talents, setTalents] = useState<TalentsView | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);

  useEffect(() => {
    saveDraft(profile);
    let current = true;
    let serverTimer: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      const parsed = parseProfile(profile);
      setErrors(parsed.ok ? [] : parsed.errors);
      setWarnings(parsed.ok ? parsed.warnings : []);
      if (!parsed.ok) return;
      serverTimer = setTimeout(() => {
        api
          .post<ProfileCheckResponse>('/api/profiles/check', { profile })
          .then((res) => {
            if (!current) return;
            setTalents(res.talents);
            // The server's list holds the profile's own warnings and the game data's.
            if (res.warnings) setWarnings(res.warnings);
            setCheckError(null);
          })
          .catch((err: unknown) => {
            if (!current) return;
            const profileErrors = profileErrorsOf(err);
            if (profileErrors) setErrors(profileErrors);
            setTalents(null);
            setCheckError(err instanceof Error ? err.message : String(err));
          });
      }, SERVER_CHECK_DELAY_MS);
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
      clearTimeout(serverTimer);
    };
  }, [profile]);

  const simulate = async () => {
    setBusy(true);
    setSubmitError(null);
    try {
      const request: SubmitJobRequest = {
        profile,
        options: {
          fightLengthS,
          targets,
          fightStyle,
          strategy:
            mode === 'iterations' ? { kind: 'fixed', iterations } : { kind: 'target_error', targetErrorPct },
        },
      };
      const res = await api.post<JobResponse<JobSummary>>('/api/jobs', request);
      navigate(`/jobs/${res.job.id}`);
    } catch (err) {
      const profileErrors = profileErrorsOf(err);
      if (profileErrors) setErrors(profileErrors);
      setSubmitError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="simulate">
      <section className="panel editor-panel">
        <div className="panel-head">
          <h2>Profile</h2>
          <button
            type="button"
            className="link"
            onClick={() => setProfile(DEFAULT_PROFILE)}
            disabled={profile === DEFAULT_PROFILE}
          >
            Reset to default Beast Mastery
          </button>
        </div>
        <ProfileEditor value={profile} onChange={setProfile} errors={errors} warnings={warnings} />
        {checkError && errors.length === 0 && <p className="error">{checkError}</p>}
        {talents && errors.length === 0 && <TalentsPanel talents={talents} />}
      </section>
      <aside className="panel options">
        <h2>Fight</h2>
        <label>
          Fight length (seconds)
          <input
            name="fightLengthS"
            type="number"
            min={10}
            max={1800}
            value={fightLengthS}
            onChange={(e) => setFightLengthS(Number(e.target.value))}
          />
        </label>
        <label>
          Targets
          <input
            name="targets"
            type="number"
            min={1}
            max={20}
            value={targets}
            onChange={(e) => setTargets(Number(e.target.value))}
          />
        </label>
        <label>
          Fight style
          <select name="fightStyle" value={fightStyle} onChange={(e) => setFightStyle(e.target.value)}>
            {FIGHT_STYLE_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Stop after</legend>
          <label className="inline">
            <input type="radio" checked={mode === 'iterations'} onChange={() => setMode('iterations')} />a
            fixed number of iterations
          </label>
          <label className="inline">
            <input type="radio" checked={mode === 'target_error'} onChange={() => setMode('target_error')} />
            the DPS error is below a target
          </label>
        </fieldset>
        {mode === 'iterations' ? (
          <label>
            Iterations
            <input
              name="iterations"
              type="number"
              min={1}
              max={1_000_000}
              step={1000}
              value={iterations}
              onChange={(e) => setIterations(Number(e.target.value))}
            />
          </label>
        ) : (
          <label>
            Target error (% of mean DPS, 95%)
            <input
              name="targetErrorPct"
              type="number"
              min={0.01}
              max={5}
              step={0.01}
              value={targetErrorPct}
              onChange={(e) => setTargetErrorPct(Number(e.target.value))}
            />
          </label>
        )}
        <button
          type="button"
          className="primary big"
          disabled={busy || errors.length > 0}
          onClick={simulate}
          data-testid="simulate"
        >
          {busy ? 'Submitting…' : 'Simulate'}
        </button>
        {errors.length > 0 && <p className="error">Fix the profile errors to simulate.</p>}
        {submitError && (
          <p className="error" role="alert">
            {submitError}
          </p>
        )}
      </aside>
    </div>
  );
}
