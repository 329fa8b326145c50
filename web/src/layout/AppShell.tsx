import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { api } from '../api/client';
import { canOpenDashboard, isViewer, SESSION_KEY, useSession } from '../auth/session';
import { ProfileSwitch } from './ProfileSwitch';

/** The frame of every signed-in page: a skip link, the header with the sections this account may open. */
export function AppShell({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function signOut() {
    await api.POST('/v1/auth/logout').catch(() => undefined);
    // Signed out first (the session's observers see it), then everything the account read is dropped.
    queryClient.setQueryData(SESSION_KEY, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    navigate('/sign-in', { replace: true });
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to={isViewer(session) ? '/' : '/dashboard'} className="brand" aria-label="Candor home">
          Candor
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {isViewer(session) ? (
              <>
                <li>
                  <NavLink to="/" end>
                    Home
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/search">Search</NavLink>
                </li>
                <li>
                  <NavLink to="/ask">Ask</NavLink>
                </li>
                <li>
                  <NavLink to="/privacy">Privacy</NavLink>
                </li>
              </>
            ) : null}
            {canOpenDashboard(session) ? (
              <li>
                <NavLink to="/dashboard">Dashboard</NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/how-recommendations-work">How it works</NavLink>
            </li>
          </ul>
        </nav>
        <div className="account">
          {isViewer(session) ? <ProfileSwitch /> : null}
          <span className="muted" data-testid="signed-in-as">
            {session?.name}
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
