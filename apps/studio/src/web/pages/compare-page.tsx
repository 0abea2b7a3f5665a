// Compare: the player's profile and named variants of it (other talents, a trinket, a stat
// line), run as one profileset on the same seeds so the differences are precise. Each card's
// lines become `profileset."NAME"+=LINE` lines after the profile (compose-comparison.ts), and an
// error is shown on the card line it came from.
import { useMemo, useState } from 'react';
import { useFightOptions } from '../components/fight-options.tsx';
import { type EditorError, ProfileEditor } from '../components/profile-editor.tsx';
import { CheckOutcome, SubmitButton, useSubmit } from '../components/submit-job.tsx';
import { composeComparison, type VariantDraft } from '../compose-comparison.ts';
import { DEFAULT_PROFILE } from '../default-profile.ts';
import { loadDraft, saveDraft, useProfileCheck } from '../profile-check.ts';

const VARIANTS_KEY = 'simforge.compareDraft';

function loadVariants(): VariantDraft[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(VARIANTS_KEY) ?? 'null') as unknown;
    if (
      Array.isArray(saved) &&
      saved.every((v) => typeof v?.name === 'string' && typeof v?.lines === 'string')
    )
      return saved as VariantDraft[];
  } catch {
    // A draft that does not read starts over.
  }
  return [{ name: 'Variant 1', lines: '' }];
}

export function ComparePage() {
  const [profile, setProfile] = useState(() => loadDraft(DEFAULT_PROFILE));
  const [variants, setVariants] = useState<VariantDraft[]>(loadVariants);
  const composed = useMemo(() => composeComparison(profile, variants), [profile, variants]);
  const check = useProfileCheck(composed.text);
  const fight = useFightOptions({ comparison: true });
  const submit = useSubmit(check);

  const baseErrors = check.errors.filter((e) => e.line <= composed.baseLines);
  const cardErrors = (i: number): string[] => [
    ...composed.problems.filter((p) => p.variant === i).map((p) => p.message),
    ...check.errors.flatMap((e: EditorError) => {
      const at = composed.origin(e.line);
      return at?.variant === i ? [`Line ${at.line}: ${e.message}`] : [];
    }),
  ];
  const pageProblems = composed.problems.filter((p) => p.variant === -1).map((p) => p.message);
  const blocked =
    check.errors.length > 0 || composed.problems.length > 0 ? 'Fix the errors above to compare.' : null;

  const editProfile = (text: string) => {
    setProfile(text);
    saveDraft(text);
  };
  const editVariants = (next: VariantDraft[]) => {
    setVariants(next);
    try {
      sessionStorage.setItem(VARIANTS_KEY, JSON.stringify(next));
    } catch {
      sessionStorage.removeItem(VARIANTS_KEY);
    }
  };
  const change = (i: number, patch: Partial<VariantDraft>) =>
    editVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));

  return (
    <div className="simulate">
      <div>
        <section className="panel editor-panel">
          <div className="panel-head">
            <h2>Base profile</h2>
          </div>
          <ProfileEditor
            value={profile}
            onChange={editProfile}
            errors={baseErrors}
            warnings={check.warnings.filter((w) => w.line <= composed.baseLines)}
          />
          <CheckOutcome check={check} />
        </section>
        <section className="panel" data-testid="variants">
          <div className="panel-head">
            <h2>Variants</h2>
            <button
              type="button"
              onClick={() =>
                editVariants([...variants, { name: `Variant ${variants.length + 1}`, lines: '' }])
              }
              data-testid="add-variant"
            >
              Add variant
            </button>
          </div>
          <p className="muted">
            Each variant is the base profile with its own lines read last, as SimulationCraft's{' '}
            <code>profileset."NAME"+=</code> lines are: <code>talents=…</code>, <code>trinket1=…</code>,{' '}
            <code>gear_haste_rating=…</code>, <code>actions+=/…</code>. All run on the same random numbers.
          </p>
          {variants.map((variant, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a card is its position; names change as typed
            <div className="variant-card" key={i} data-testid="variant-card">
              <div className="panel-head">
                <input
                  name="variantName"
                  aria-label={`Name of variant ${i + 1}`}
                  value={variant.name}
                  onChange={(e) => change(i, { name: e.target.value })}
                />
                <button
                  type="button"
                  className="link"
                  onClick={() => editVariants(variants.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
              <textarea
                name="variantLines"
                className="variant-lines"
                aria-label={`Lines of variant ${i + 1}`}
                spellCheck={false}
                rows={Math.max(2, variant.lines.split('\n').length)}
                value={variant.lines}
                placeholder="talents=…"
                onChange={(e) => change(i, { lines: e.target.value })}
              />
              {cardErrors(i).length > 0 && (
                <ul className="editor-errors" data-testid="variant-errors">
                  {cardErrors(i).map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          {pageProblems.map((message) => (
            <p key={message} className="error" data-testid="compare-problem">
              {message}
            </p>
          ))}
        </section>
      </div>
      <aside className="panel options">
        {fight.form}
        <SubmitButton
          label={`Compare ${variants.length + 1} profiles`}
          submit={submit}
          blocked={blocked}
          onClick={() => submit.run(composed.text, fight.options)}
        />
      </aside>
    </div>
  );
}
