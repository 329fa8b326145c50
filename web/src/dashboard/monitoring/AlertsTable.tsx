import { DataTable } from '../ui/DataTable';
import { dateTime, decimal } from '../ui/format';
import type { Alert } from './useDrift';

/** Alerts monitoring raised, newest first, with whether the webhook got them. */
export function AlertsTable({ alerts }: { alerts: readonly Alert[] }) {
  if (alerts.length === 0) return <p data-testid="no-alerts">No alerts have been raised.</p>;
  return (
    <DataTable<Alert>
      caption="Alerts, newest first"
      testId="alerts"
      rows={alerts}
      rowKey={(alert) => alert.id}
      columns={[
        { header: 'Raised', cell: (a) => dateTime(a.createdAt) },
        { header: 'Kind', cell: (a) => a.kind },
        { header: 'Severity', cell: (a) => a.severity },
        { header: 'Metric', cell: (a) => a.metric },
        { header: 'Value', cell: (a) => decimal(a.value), numeric: true },
        { header: 'Threshold', cell: (a) => decimal(a.threshold), numeric: true },
        {
          header: 'Delivery',
          cell: (a) => (a.deliveryError ? `${a.delivery}: ${a.deliveryError}` : a.delivery),
        },
      ]}
    />
  );
}
