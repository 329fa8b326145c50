import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { latestFinished, useAudits } from '../audits/useAudits';
import { useModels } from '../models/useModels';
import { useAlerts, useDriftReports } from '../monitoring/useDrift';
import { useAccess } from '../ui/access';
import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { type Stat, StatTiles } from '../ui/StatTiles';
import { count, dateTime, decimal, interval, shortId } from '../ui/format';
import { Loading } from '../../ui/Loading';

// The chart library loads after the figures: the first screen does not wait for it.
const EventsChart = lazy(() => import('./EventsChart').then((module) => ({ default: module.EventsChart })));

/**
 * The landing page: a few cheap reads (counts, the registry's aliases, the latest stored reports).
 * Nothing heavy runs here: audits and drift checks start only from their own pages.
 */
export function OverviewPage() {
  return (
    <DashboardPage
      title="Overview"
      lead="Where the service stands: what serves, under which policy, and what the latest audit and monitoring found. Each section links to its page."
    >
      <h2>Serving</h2>
      <ServingStats />
      <h2>Data</h2>
      <Permitted permission="analytics:read" what="data counts">
        <DataSummary />
      </Permitted>
      <h2>Latest findings</h2>
      <Findings />
    </DashboardPage>
  );
}

function ServingStats() {
  const { can } = useAccess();
  const models = useModels();
  const policy = useQuery({
    queryKey: ['dashboard', 'policy'],
    queryFn: () => ok(api.GET('/v1/admin/policy')),
    enabled: can('policy:read'),
  });
  const list = models.data?.models ?? [];
  const withAlias = (alias: string) => list.find((m) => m.aliases.includes(alias));
  const production = withAlias('production');
  const candidate = withAlias('candidate');
  const stats: Stat[] = [
    {
      label: 'In production',
      value: production
        ? `${production.algorithm} ${shortId(production.id)}`
        : models.isPending
          ? '…'
          : 'none',
      note: production ? `trained ${dateTime(production.createdAt)}` : undefined,
    },
    {
      label: 'Candidate',
      value: candidate ? `${candidate.algorithm} ${shortId(candidate.id)}` : models.isPending ? '…' : 'none',
      note: <Link to="/dashboard/models">Models</Link>,
    },
  ];
  if (can('policy:read')) {
    stats.push({
      label: 'Policy in force',
      value: policy.data?.version ?? '…',
      note: policy.data?.activated ? `since ${dateTime(policy.data.activated.activatedAt)}` : undefined,
    });
  }
  return <StatTiles label="Serving" stats={stats} />;
}

function DataSummary() {
  const summary = useQuery({
    queryKey: ['dashboard', 'summary'],
    queryFn: () => ok(api.GET('/v1/analytics/summary', { params: { query: { top: 5 } } })),
  });
  return (
    <QueryView query={summary} what="data counts" permission="analytics:read">
      {(data) => (
        <>
          <StatTiles
            label="Stored data"
            stats={[
              { label: 'Viewers', value: count(data.viewers) },
              { label: 'Catalog items', value: count(data.items) },
              { label: 'Events', value: count(Object.values(data.eventsByKind).reduce((a, b) => a + b, 0)) },
            ]}
          />
          <Suspense fallback={<Loading label="Loading the chart" />}>
            <EventsChart summary={data} />
          </Suspense>
        </>
      )}
    </QueryView>
  );
}

function Findings() {
  const { can } = useAccess();
  return (
    <div className="findings">
      {can('analytics:read') ? <AuditFinding /> : null}
      {can('monitoring:read') ? <MonitoringFinding /> : null}
      {!can('analytics:read') && !can('monitoring:read') ? (
        <p className="notice">Your role reads neither audits nor monitoring; see Models and Safety.</p>
      ) : null}
    </div>
  );
}

function AuditFinding() {
  const audits = useAudits();
  return (
    <QueryView query={audits} what="the latest audit" permission="analytics:read">
      {({ audits: list }) => {
        const latest = latestFinished(list);
        if (!latest)
          return (
            <p>
              {'No audit since the server started. '}
              <Link to="/dashboard/fairness">Run one on the Fairness page</Link>.
            </p>
          );
        const worst = latest.report.fairness
          .filter((f) => f.worstGroup !== null)
          .sort((a, b) => a.ratio.value - b.ratio.value)[0];
        return (
          <StatTiles
            label="Latest audit"
            stats={[
              {
                label: `Overall ${latest.report.metric}`,
                value: decimal(latest.report.overall.mean),
                note: `interval ${interval(latest.report.overall.ci)}, ${dateTime(latest.finishedAt)}`,
              },
              {
                label: 'Lowest group ratio',
                value: worst ? decimal(worst.ratio.value) : 'not compared',
                note: worst
                  ? `${worst.attribute}: ${worst.worstGroup} vs ${worst.bestGroup}`
                  : 'no grouping had two large groups',
              },
              {
                label: 'Worst cohort',
                value: latest.report.errorAnalysis.cohorts[0]?.description ?? '–',
                note: <Link to="/dashboard/errors">Errors</Link>,
              },
            ]}
          />
        );
      }}
    </QueryView>
  );
}

function MonitoringFinding() {
  const drift = useDriftReports(1);
  const alerts = useAlerts(10);
  const latest = drift.data?.reports[0];
  return (
    <StatTiles
      label="Monitoring"
      stats={[
        {
          label: 'Latest drift check',
          value: latest
            ? `${latest.distributions.filter((d) => d.status === 'drift').length} drifted`
            : drift.isPending
              ? '…'
              : 'none yet',
          note: latest ? dateTime(latest.createdAt) : <Link to="/dashboard/monitoring">Monitoring</Link>,
        },
        {
          label: 'Recent alerts',
          value: alerts.data ? count(alerts.data.alerts.length) : '…',
          note: alerts.data?.alerts[0] ? `latest ${alerts.data.alerts[0].metric}` : undefined,
        },
      ]}
    />
  );
}
