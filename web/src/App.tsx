import { Navigate, Route, Routes, useLocation } from 'react-router';
import { canOpenDashboard, isViewer, useSession } from './auth/session';
import { DashboardLoader } from './dashboard-loader';
import { AppShell } from './layout/AppShell';
import { Loading } from './ui/Loading';
import { SignIn } from './auth/SignIn';
import { viewerRoutes } from './viewer/routes';

export function App() {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading label="Starting Candor" />;
  if (!session) {
    if (location.pathname === '/sign-in') return <SignIn />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return (
    <AppShell>
      <Routes>
        <Route path="/sign-in" element={<Navigate to={isViewer(session) ? '/' : '/dashboard'} replace />} />
        {viewerRoutes(session)}
        <Route
          path="/dashboard/*"
          element={canOpenDashboard(session) ? <DashboardLoader /> : <Forbidden />}
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}

function Forbidden() {
  return (
    <section className="page" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not for this account</h1>
      <p>The responsible-AI dashboard is for analysts, auditors, curators and administrators.</p>
    </section>
  );
}

function NotFound() {
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address.</p>
    </section>
  );
}
