// The profile editor and the fight options. A pasted SimulationCraft file with profileset lines
// runs as a comparison, as it would in SimulationCraft; the Compare page builds those lines.
import { useState } from 'react';
import { useFightOptions } from '../components/fight-options.tsx';
import { ProfileEditor } from '../components/profile-editor.tsx';
import { CheckOutcome, SubmitButton, useSubmit } from '../components/submit-job.tsx';
import { DEFAULT_PROFILE } from '../default-profile.ts';
import { loadDraft, saveDraft, useProfileCheck } from '../profile-check.ts';

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
