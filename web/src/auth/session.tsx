import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { api, type ApiBody, ApiError, ok } from '../api/client';

export type Session = ApiBody<'/v1/auth/session'>;

/** What the signed-in person may open: the dashboard is for analysts, auditors and admins. */
export const DASHBOARD_ROLES = ['analyst', 'auditor', 'admin', 'curator'] as const;

export function canOpenDashboard(session: Session | null): boolean {
  return !!session && session.roles.some((role) => (DASHBOARD_ROLES as readonly string[]).includes(role));
}

export function isViewer(session: Session | null): boolean {
  return !!session && session.subjectId !== null;
}

interface SessionState {
  session: Session | null;
  loading: boolean;
}

const SessionContext = createContext<SessionState>({ session: null, loading: true });

export const SESSION_KEY = ['session'] as const;

const LAST_SESSION_KEY = 'candor.last-session';

/** Whether this browser's last session was a viewer's (a hint for prefetching; nothing more). */
export function lastSessionWasViewer(): boolean {
  try {
    return window.localStorage.getItem(LAST_SESSION_KEY) === 'viewer';
  } catch {
    return false;
  }
}

function rememberSessionKind(session: Session | null): void {
  try {
    if (session) window.localStorage.setItem(LAST_SESSION_KEY, isViewer(session) ? 'viewer' : 'staff');
  } catch {
    // storage refused: no prefetching, nothing else changes
  }
}

/** Who is signed in, read from the API (the cookie is httpOnly): null when no one is. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        const session = await ok(api.GET('/v1/auth/session'));
        rememberSessionKind(session);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  useEffect(() => {
    // Any 401 (an expired or revoked session) signs the app out.
    const signedOut = () => queryClient.setQueryData(SESSION_KEY, null);
    window.addEventListener('candor:signed-out', signedOut);
    return () => window.removeEventListener('candor:signed-out', signedOut);
  }, [queryClient]);
  return (
    <SessionContext.Provider value={{ session: query.data ?? null, loading: query.isPending }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  return useContext(SessionContext);
}
