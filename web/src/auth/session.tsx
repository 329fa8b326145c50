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

/** Who is signed in, read from the API (the cookie is httpOnly): null when no one is. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        return await ok(api.GET('/v1/auth/session'));
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
