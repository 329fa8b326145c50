import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../api/client';
import { Problem } from '../ui/Problem';
import { SESSION_KEY } from './session';
import { clearSignInNotice, signInNotice } from './sign-in-notice';

export function SignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const notice = signInNotice();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const signedIn = await ok(
        api.POST('/v1/auth/login', {
          body: { username: String(form.get('username')), password: String(form.get('password')) },
        }),
      );
      clearSignInNotice();
      await queryClient.resetQueries();
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      const next = params.get('next');
      const home = signedIn.account.subjectId ? '/' : '/dashboard';
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : home, { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Candor</h1>
        <p className="muted">
          Recommendations you can question. Demo accounts and their passwords are printed by{' '}
          <code>npm start</code>.
        </p>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required maxLength={64} />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
        />
        {error ? <Problem error={error} title="Could not sign in" /> : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
