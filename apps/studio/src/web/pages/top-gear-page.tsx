// Top Gear: the best combination of what the character carries. The profile's item lines are
// what is equipped; the alternatives are the addon export's bag and vault lines and any item
// lines pasted below it (`stats=` gives an item's stats where the game data lacks it). Every
// legal combination of the chosen ones (the engine's planTopGear) runs as one comparison on the
// same seeds, raced by default so the combinations clearly behind stop early.
import { type GearCandidate, planTopGear, readGearCandidates } from '@simforge/engine';
import { useMemo, useState } from 'react';
import { useFightOptions } from '../components/fight-options.tsx';
import { ProfileEditor } from '../components/profile-editor.tsx';
import { CheckOutcome, SubmitButton, useSubmit } from '../components/submit-job.tsx';
import { DEFAULT_PROFILE } from '../default-profile.ts';
import { loadDraft, saveDraft, useProfileCheck } from '../profile-check.ts';

/** An alternative left out stays out while the profile around it is edited. */
const keyOf = (item: GearCandidate) => `${item.slot}=${item.value}`;

export function TopGearPage() {
  const [profile, setProfile] = useState(() => loadDraft(DEFAULT_PROFILE));
  const [pasted, setPasted] = useState('');
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const found = useMemo(() => readGearCandidates(profile, pasted), [profile, pasted]);
  const chosen = useMemo(() => found.alternatives.filter((a) => !left.has(keyOf(a))), [found, left]);
  const plan = useMemo(() => planTopGear(profile, chosen), [profile, chosen]);
  // The profile alone is checked as you type: checking hundreds of generated variants costs the
  // server seconds per pause. The submit checks every variant (a bad pasted line names its variant).
  const check = useProfileCheck(profile);
  const fight = useFightOptions({ comparison: true, mode: 'target_error' });
  // The refusal's lines are the generated text's, not the editor's: it is shown as a message.
  const submit = useSubmit(null);

  const blocked =
    check.errors.length > 0 ? 'Fix the profile errors to search.' : !plan.ok ? plan.message : null;
  const editProfile = (text: string) => {
    setProfile(text);
    saveDraft(text);
  };
  const toggle = (item: GearCandidate, on: boolean) => {
    const next = new Set(left);
    if (on) next.delete(keyOf(item));
    else next.add(keyOf(item));
    setLeft(next);
  };

  return (
    <div className="simulate">
      <div>
        <section className="panel editor-panel">
          <div className="panel-head">
            <h2>Profile</h2>
          </div>
          <p className="muted">
            Paste the SimulationCraft addon's export: its item lines are what you wear, its "Gear from Bags"
            and vault lines what you could wear instead.
          </p>
          <ProfileEditor
            value={profile}
            onChange={editProfile}
            errors={check.errors}
            warnings={check.warnings}
          />
          <CheckOutcome check={check} />
        </section>
        <section className="panel">
          <h2>Other items</h2>
          <p className="muted">
            Item lines to try, one per line, such as <code>trinket1=,id=242395,bonus_id=…</code>; an item the
            game data lacks needs its stats: <code>finger1=,id=1,stats=120agi_80crit</code>. A{' '}
            <code># Name</code> line above an item names it.
          </p>
          <textarea
            name="pastedItems"
            className="variant-lines"
            rows={4}
            spellCheck={false}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
        </section>
        <section className="panel" data-testid="top-gear-items">
          <h2>
            Alternatives <span className="muted">· {found.alternatives.length} found</span>
          </h2>
          {found.alternatives.length === 0 ? (
            <p className="muted">None yet: paste an export with bag lines, or add item lines above.</p>
          ) : (
            <table className="table">
              <tbody>
                {found.alternatives.map((item) => (
                  <tr key={`${item.source}:${item.line}`}>
                    <td>
                      <label className="inline">
                        <input
                          type="checkbox"
                          checked={!left.has(keyOf(item))}
                          onChange={(e) => toggle(item, e.target.checked)}
                        />
                        {item.name}
                      </label>
                    </td>
                    <td className="mono muted">{item.slot}</td>
                    <td className="muted">{item.source === 'bags' ? 'from the export' : 'pasted'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p data-testid="top-gear-count" className={plan.ok ? '' : 'error'}>
            {plan.ok
              ? `${plan.combinations.length.toLocaleString('en-US')} combinations to compare with what you wear (${Math.ceil(new Blob([plan.text]).size / 1024).toLocaleString('en-US')} KiB)`
              : plan.message}
          </p>
          {plan.ok &&
            plan.notes.map((note) => (
              <p key={note} className="muted">
                {note}
              </p>
            ))}
        </section>
      </div>
      <aside className="panel options">
        {fight.form}
        <SubmitButton
          label={plan.ok ? `Find the best of ${plan.combinations.length + 1}` : 'Find the best'}
          submit={submit}
          blocked={blocked}
          onClick={() => plan.ok && submit.run(plan.text, fight.options)}
        />
      </aside>
    </div>
  );
}
