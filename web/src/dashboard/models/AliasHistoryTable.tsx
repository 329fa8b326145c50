import { DataTable } from '../ui/DataTable';
import { dateTime, shortId } from '../ui/format';
import type { AliasEvent } from './useModels';

/** Every move of the candidate and production aliases, newest first. */
export function AliasHistoryTable({ events }: { events: readonly AliasEvent[] }) {
  return (
    <DataTable<AliasEvent>
      caption="Alias history, newest first"
      rows={events}
      rowKey={(event) => event.id}
      columns={[
        { header: 'When', cell: (e) => dateTime(e.at) },
        { header: 'Alias', cell: (e) => e.alias },
        { header: 'Action', cell: (e) => e.action },
        {
          header: 'Version',
          cell: (e) => (e.modelId ? <code title={e.modelId}>{shortId(e.modelId)}</code> : '–'),
        },
        {
          header: 'Previous',
          cell: (e) => (e.previousId ? <code title={e.previousId}>{shortId(e.previousId)}</code> : '–'),
        },
        { header: 'By', cell: (e) => e.actor },
        { header: 'Reason', cell: (e) => e.reason ?? '–' },
      ]}
    />
  );
}
