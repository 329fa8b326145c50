import { Navigate, Route } from 'react-router';
import { isViewer, type Session } from '../auth/session';
import { Home } from './Home';
import { ItemPage } from './ItemPage';
import { MainParameters } from './MainParameters';
import { PrivacyCenter } from './PrivacyCenter';
import { AskPage } from './AskPage';
import { SearchPage } from './SearchPage';

/** The viewer app's pages. Staff accounts (no viewer profile) land on the dashboard instead. */
export function viewerRoutes(session: Session) {
  const viewer = isViewer(session);
  return (
    <>
      <Route path="/" element={viewer ? <Home /> : <Navigate to="/dashboard" replace />} />
      {viewer ? (
        <>
          <Route path="/search" element={<SearchPage />} />
          <Route path="/ask" element={<AskPage />} />
          <Route path="/items/:id" element={<ItemPage />} />
          <Route path="/privacy" element={<PrivacyCenter />} />
        </>
      ) : null}
      <Route path="/how-recommendations-work" element={<MainParameters />} />
    </>
  );
}
