// Stat Weights: what a point of each stat is worth to this character. The profile and one
// variant per chosen stat, that stat's gear line raised by the delta (the engine's
// statWeightsProfile, as `simforge weights` builds it), run as one comparison; the report reads
// the weights back from the variants and gives a Pawn string.
import {
  DEFAULT_WEIGHTS_DELTA,
  MAX_WEIGHTS_DELTA,
  statWeightsProfile,
  WEIGHED_STATS,
} from '@simforge/engine';
import { useMemo, useState } from 'react';
import { useFightOptions } from '../components/fight-options.tsx';
import { ProfileEditor } from '../components/profile-editor.tsx';
import { CheckOutcome, SubmitButton, useSubmit } from '../components/submit-job.tsx';
import { DEFAULT_PROFILE } from '../default-profile.ts';
import { loadDraft, saveDraft, useProfileCheck } from '../profile-check.ts';

export function WeightsPage() {
  const [profile, setProfile] = useState(() => loadDraft(DEFAULT_PROFILE));
  const [delta, setDelta] = useState(DEFAULT_WEIGHTS_DELTA);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(WEIGHED_STATS.map((s) => s.key)));
  const deltaOk = Number.isInteger(delta) && delta >= 1 && delta <= MAX_WEIGHTS_DELTA;
  const stats = useMemo(() => WEIGHED_STATS.filter((s) => chosen.has(s.key)), [chosen]);
  const weighed = useMemo(
    () => (deltaOk ? statWeightsProfile(profile, delta, stats) : null),
    [profile, delta, deltaOk, stats],
  );
  // A profile that does not parse is checked as written, so its errors are the editor's.
  const check = useProfileCheck(weighed?.ok ? weighed.text : profile);
  const fight = useFightOptions({ comparison: true });
  const submit = useSubmit(check);

  // The profile the weights are built from must read as one profile (no profileset lines).
  const ownErrors = weighed && !weighed.ok ? weighed.errors : [];
  const errors = ownErrors.length > 0 ? ownErrors : check.errors;
  const blocked =
    errors.length > 0
      ? 'Fix the profile errors to weigh stats.'
      : !deltaOk
        ? `The points added must be a whole number from 1 to ${MAX_WEIGHTS_DELTA.toLocaleString('en-US')}.`
        : stats.length === 0
          ? 'Choose at least one stat.'
          : null;

  const editProfile = (text: string) => {
    setProfile(text);
    saveDraft(text);
  };
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };

  return (
    <div className="simulate">
      <section className="panel editor-panel">
        <div className="panel-head">
          <h2>Profile</h2>
        </div>
        <ProfileEditor value={profile} onChange={editProfile} errors={errors} warnings={check.warnings} />
        <CheckOutcome check={check} />
      </section>
      <aside className="panel options">
        <h2>Stats</h2>
        <fieldset data-testid="weighed-stats">
          {WEIGHED_STATS.map((s) => (
            <label className="inline" key={s.key}>
              <input
                type="checkbox"
                name={`stat-${s.key}`}
                checked={chosen.has(s.key)}
                onChange={(e) => toggle(s.key, e.target.checked)}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        <label>
          Points added to each (weapon DPS: a 25th)
          <input
            name="delta"
            type="number"
            min={1}
            max={MAX_WEIGHTS_DELTA}
            step={100}
            value={delta}
            onChange={(e) => setDelta(Number(e.target.value))}
          />
        </label>
        {weighed?.ok &&
          weighed.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
        {fight.form}
        <SubmitButton
          label="Weigh stats"
          submit={submit}
          blocked={blocked}
          onClick={() => weighed?.ok && submit.run(weighed.text, fight.options)}
        />
      </aside>
    </div>
  );
}
