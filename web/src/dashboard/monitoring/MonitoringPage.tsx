import { Tabs } from 'radix-ui';
import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { StatTiles } from '../ui/StatTiles';
import { count, dateTime } from '../ui/format';
import { AlertsTable } from './AlertsTable';
import { DriftBinsChart } from './DriftBinsChart';
import { DriftScoreChart } from './DriftScoreChart';
import { RunDriftForm } from './RunDriftForm';
import { type DriftReport, useAlerts, useDriftReports } from './useDrift';

/** Drift of recent traffic from the production model's training data, and the alerts it raised. */
export function MonitoringPage() {
  return (
    <DashboardPage
      title="Monitoring"
      lead="Recent traffic compared with the data the production model was trained on (genre mix, popularity, activity, served genres), and the alerts raised when it drifts or when served exposure turns unfair."
    >
      <Permitted permission="monitoring:read" what="drift reports and alerts">
        <RunDriftForm />
        <LatestDrift />
        <h2>Alerts</h2>
        <Alerts />
      </Permitted>
    </DashboardPage>
  );
}

function LatestDrift() {
  const reports = useDriftReports(1);
  return (
    <QueryView query={reports} what="the drift reports" permission="monitoring:read">
      {({ reports: [latest] }) =>
        latest ? <DriftReportView report={latest} /> : <p className="notice">No drift report yet.</p>
      }
    </QueryView>
  );
}

function DriftReportView({ report }: { report: DriftReport }) {
  const drifted = report.distributions.filter((d) => d.status === 'drift').length;
  const [first] = report.distributions;
  return (
    <>
      <h2>Latest drift report</h2>
      <StatTiles
        label="Latest drift report"
        stats={[
          { label: 'Run', value: dateTime(report.createdAt), note: `by ${report.ranBy}` },
          {
            label: 'Window',
            value: `${report.window.days} days`,
            note: `${count(report.recentEvents)} recent events`,
          },
          { label: 'Drifted distributions', value: `${drifted} of ${report.distributions.length}` },
          {
            label: 'Served exposure',
            value: report.fairness.status,
            note: report.fairness.reason ?? undefined,
          },
        ]}
      />
      <p className="muted">{`Baseline: ${report.baseline.description}.`}</p>
      <div className="chart-grid">
        <DriftScoreChart report={report} measure="psi" />
        <DriftScoreChart report={report} measure="js" />
      </div>
      {first ? (
        <Tabs.Root defaultValue={first.name} className="tabs">
          <Tabs.List aria-label="Distribution" className="tab-list">
            {report.distributions.map((d) => (
              <Tabs.Trigger key={d.name} value={d.name} className="tab">
                {d.name}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {report.distributions.map((d) => (
            <Tabs.Content key={d.name} value={d.name} className="tab-panel">
              <DriftBinsChart distribution={d} />
            </Tabs.Content>
          ))}
        </Tabs.Root>
      ) : null}
    </>
  );
}

function Alerts() {
  const alerts = useAlerts();
  return (
    <QueryView query={alerts} what="the alerts" permission="monitoring:read">
      {({ alerts: list }) => <AlertsTable alerts={list} />}
    </QueryView>
  );
}
