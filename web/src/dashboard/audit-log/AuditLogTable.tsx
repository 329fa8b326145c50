import { type FormEvent, useId, useState } from 'react';
import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import { DataTable } from '../ui/DataTable';
import { dateTime } from '../ui/format';
import { AUDIT_LOG_PAGE, type AuditEntry, useAuditLogPage } from './useAuditLog';

/** The entry's detail as "key: value" pairs, so it wraps between fields rather than inside JSON. */
const detailText = (detail: Record<string, unknown>) => {
  const pairs = Object.entries(detail).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return pairs.length === 0 ? '–' : pairs.join('; ');
};

/** The audit log a page at a time (newest first), optionally one action only. */
export function AuditLogTable() {
  // The cursors of the pages before this one, so "Newer" goes back without a server cursor.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [action, setAction] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState('');
  const filterId = useId();
  const before = cursors[cursors.length - 1];
  const page = useAuditLogPage(before, action);

  const filter = (event: FormEvent) => {
    event.preventDefault();
    setAction(draft.trim() || undefined);
    setCursors([undefined]);
  };
  const entries = page.data?.entries ?? [];
  const oldest = entries[entries.length - 1];
  return (
    <>
      <form className="control-row" onSubmit={filter} role="search" aria-label="Filter the audit log">
        <label htmlFor={filterId}>Action</label>
        <input
          id={filterId}
          value={draft}
          placeholder="e.g. models.signoff"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Filter</button>
      </form>
      {page.isPending ? <Loading label="Loading audit log entries" /> : null}
      {page.isError ? <Problem error={page.error} title="Could not load the audit log" /> : null}
      {page.data ? (
        <DataTable<AuditEntry>
          caption={`Audit log entries ${action ? `for ${action} ` : ''}(page ${cursors.length}, newest first)`}
          testId="audit-log"
          rows={entries}
          rowKey={(entry) => String(entry.seq)}
          columns={[
            { header: '#', cell: (e) => e.seq, numeric: true },
            { header: 'When', cell: (e) => dateTime(e.at) },
            { header: 'Actor', cell: (e) => e.actor },
            { header: 'Action', cell: (e) => e.action },
            { header: 'Target', cell: (e) => e.target ?? '–' },
            { header: 'Outcome', cell: (e) => e.outcome },
            { header: 'Detail', cell: (e) => <span className="detail-json">{detailText(e.detail)}</span> },
          ]}
        />
      ) : null}
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Newer entries
        </button>
        <button
          type="button"
          disabled={entries.length < AUDIT_LOG_PAGE || !oldest}
          onClick={() => oldest && setCursors([...cursors, oldest.seq])}
        >
          Older entries
        </button>
      </div>
    </>
  );
}
