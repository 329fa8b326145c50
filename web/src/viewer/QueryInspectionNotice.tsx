import type { ApiBody } from '../api/client';

type Inspection = NonNullable<ApiBody<'/v1/items'>['queryInspection']>;

/** What the safety gateway changed in a search before it ran; nothing when it ran as typed. */
export function QueryInspectionNotice({ inspection }: { inspection: Inspection }) {
  if (inspection.action !== 'redact') return null;
  const personal = inspection.reasons.some((reason) => reason.kind === 'pii');
  return (
    <div className="notice" data-testid="query-inspection">
      <p>
        {personal ? 'Personal data was removed from your search' : 'Your search was changed before it ran'}:
        we searched for <q>{inspection.searchedFor}</q>.
      </p>
      {inspection.reasons.length > 0 ? (
        <ul>
          {[...new Set(inspection.reasons.map((reason) => reason.message))].map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
