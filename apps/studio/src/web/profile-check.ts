// The editor's two checks of a profile, shared by the Simulate, Compare and Stat Weights pages.
// The engine's parser is pure, so it runs here on every edit (debounced) and the player sees
// errors before pressing a button; a text that parses is then checked by the server against the
// game data (talent string, talent and spell names, items), which answers the talents as the
// engine reads them. The server checks again on submit: the browser is not a trust boundary.
import { type ProfileWarning, parseProfileset } from '@simforge/engine';
import { useEffect, useState } from 'react';
import type { ProfileCheckResponse, TalentsView } from '../api-contract.ts';
import { ApiError, api } from './api-client.ts';
import type { EditorError } from './components/profile-editor.tsx';

const DRAFT_KEY = 'simforge.profileDraft';
/** Drafts larger than this are not kept: far over any profile, and near what a browser stores. */
const MAX_DRAFT_CHARS = 512 * 1024;
const LOCAL_PARSE_DELAY_MS = 120;
/** The server check waits for a pause in typing longer than the local parse does. */
const SERVER_CHECK_DELAY_MS = 400;

/** The player's profile survives a reload and moves with them between the three pages. */
export function loadDraft(fallback: string): string {
  return sessionStorage.getItem(DRAFT_KEY) ?? fallback;
}

/** A paste too large to store drops the draft rather than failing the page. */
export function saveDraft(profile: string): void {
  try {
    if (profile.length > MAX_DRAFT_CHARS) sessionStorage.removeItem(DRAFT_KEY);
    else sessionStorage.setItem(DRAFT_KEY, profile);
  } catch {
    sessionStorage.removeItem(DRAFT_KEY);
  }
}

export function profileErrorsOf(err: unknown): EditorError[] | null {
  if (!(err instanceof ApiError) || err.code !== 'SF_STUDIO_PROFILE_INVALID') return null;
  return (err.details as { errors?: EditorError[] } | undefined)?.errors ?? [];
}

export interface ProfileCheckState {
  errors: EditorError[];
  warnings: ProfileWarning[];
  talents: TalentsView | null;
  /** The server's refusal when it names no line (too large, rate limited, ...). */
  checkError: string | null;
  /** Variants the text holds (its profileset lines), once it parses. */
  variants: number;
  setErrors: (errors: EditorError[]) => void;
}

/** Checks `text` (the whole text a submit would send) after each pause in editing. */
export function useProfileCheck(text: string): ProfileCheckState {
  const [errors, setErrors] = useState<EditorError[]>([]);
  const [warnings, setWarnings] = useState<ProfileWarning[]>([]);
  // The talents with the text they were checked for: an edited profile shows none until its check.
  const [checked, setChecked] = useState<{ text: string; talents: TalentsView | null }>({
    text: '',
    talents: null,
  });
  const [checkError, setCheckError] = useState<string | null>(null);
  const [variants, setVariants] = useState(0);

  useEffect(() => {
    let current = true;
    let serverTimer: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      const parsed = parseProfileset(text);
      setErrors(parsed.ok ? [] : parsed.errors);
      setWarnings(parsed.ok ? [...parsed.warnings, ...parsed.variants.flatMap((v) => v.warnings)] : []);
      setVariants(parsed.ok ? parsed.variants.length : 0);
      if (!parsed.ok) return;
      serverTimer = setTimeout(() => {
        api
          .post<ProfileCheckResponse>('/api/profiles/check', { profile: text })
          .then((res) => {
            if (!current) return;
            setChecked({ text, talents: res.talents });
            // The server's list holds the profile's own warnings and the game data's.
            if (res.warnings) setWarnings(res.warnings);
            setCheckError(null);
          })
          .catch((err: unknown) => {
            if (!current) return;
            const profileErrors = profileErrorsOf(err);
            if (profileErrors) setErrors(profileErrors);
            setChecked({ text, talents: null });
            setCheckError(err instanceof Error ? err.message : String(err));
          });
      }, SERVER_CHECK_DELAY_MS);
    }, LOCAL_PARSE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
      clearTimeout(serverTimer);
    };
  }, [text]);

  const talents = checked.text === text ? checked.talents : null;
  return { errors, warnings, talents, checkError, variants, setErrors };
}
