// One form for both: a newcomer types an email and a password and presses "Create account";
// a returning player presses "Sign in". Either way they land on the Simulate page.
import { type FormEvent, useState } from 'react';
import type { SessionUser, SignedInResponse } from '../../api-contract.ts';
import { ApiError, api } from '../api-client.ts';

export function SignInPage({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (mode: 'sign-up' | 'sign-in', e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The CSRF cookie is set by GET /api/session, which the shell has already called.
      const res = await api.post<SignedInResponse>(`/api/auth/${mode}`, { email, password });
      onSignedIn(res.user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth">
      <section className="panel auth-panel">
        <h1>Simulate your hunter</h1>
        <p className="muted">
          Paste a SimulationCraft profile, press Simulate, read DPS with its error, the ability breakdown and
          the timelines. Create an account with any email to start.
        </p>
        <form onSubmit={(e) => submit('sign-up', e)} aria-label="account">
          <label>
            Email
            <input
              name="email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label>
            <span>
              Password <span className="muted">(at least 8 characters)</span>
            </span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              minLength={8}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy} data-testid="sign-up">
              Create account
            </button>
            <button type="button" disabled={busy} onClick={() => submit('sign-in')} data-testid="sign-in">
              Sign in
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
