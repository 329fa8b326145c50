import { ConsentHistory } from './ConsentHistory';
import { ConsentToggles } from './ConsentToggles';
import { DataExport } from './DataExport';
import { DeleteAccount } from './DeleteAccount';
import { PrivacyNotice } from './PrivacyNotice';
import { useDocumentTitle } from './useDocumentTitle';
import './viewer.css';

/** The viewer's privacy, on one page: choices first, then what is kept, then the data itself. */
export function PrivacyCenter() {
  useDocumentTitle('Privacy center');
  return (
    <div className="page privacy-page">
      <h1>Privacy center</h1>
      <p className="lead">
        What you agree to, what we keep about you and for how long, a copy of all of it, and a way to delete
        it.
      </p>
      <ConsentToggles />
      <ConsentHistory />
      <PrivacyNotice />
      <DataExport />
      <DeleteAccount />
    </div>
  );
}
