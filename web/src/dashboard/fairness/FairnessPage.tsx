import { Tabs } from 'radix-ui';
import { WithLatestAudit } from '../audits/WithLatestAudit';
import type { AuditReport } from '../audits/useAudits';
import { DashboardPage } from '../ui/DashboardPage';
import { StatTiles } from '../ui/StatTiles';
import { decimal, interval } from '../ui/format';
import { FairnessComparisonTable } from './FairnessComparisonTable';
import { GroupMetricChart } from './GroupMetricChart';
import { groupingName } from './groupings';
import { TradeoffChart } from './TradeoffChart';

/** Group fairness of the ranking metric by viewer group, and what each reranker trades for it. */
export function FairnessPage() {
  return (
    <DashboardPage
      title="Fairness"
      lead="How well the model ranks for each group of viewers, with bootstrap confidence intervals, and what each reranker gives up in accuracy for coverage, diversity and fair exposure."
    >
      <WithLatestAudit>
        {({ report }) => (
          <>
            <OverallQuality report={report} />
            <h2>Ranking quality by viewer group</h2>
            <FairnessComparisonTable report={report} />
            <GroupingTabs report={report} />
            {report.skipped.length > 0 ? (
              <p className="muted">
                {`Not measured: ${report.skipped.map((s) => `${groupingName(s.attribute)} (${s.reason})`).join('; ')}.`}
              </p>
            ) : null}
            <p className="muted">{`${report.suppressedGroups} viewer groups of fewer than 5 viewers are left out of every table.`}</p>
            <h2>Reranker trade-offs</h2>
            {report.tradeoffs ? (
              <TradeoffChart tradeoffs={report.tradeoffs} metric={report.metric} />
            ) : (
              <p className="notice">
                This audit has no trade-off table (it was started without the serving policy).
              </p>
            )}
          </>
        )}
      </WithLatestAudit>
    </DashboardPage>
  );
}

function OverallQuality({ report }: { report: AuditReport }) {
  return (
    <StatTiles
      label="Overall ranking quality"
      stats={[
        {
          label: `Overall ${report.metric}`,
          value: decimal(report.overall.mean),
          note: `interval ${interval(report.overall.ci)}`,
        },
        {
          label: 'Viewers evaluated',
          value: report.sizes.evaluatedViewers,
          note: `of ${report.sizes.viewers}`,
        },
        { label: 'Smallest group compared', value: report.settings.minGroupSize, note: 'viewers' },
      ]}
    />
  );
}

function GroupingTabs({ report }: { report: AuditReport }) {
  const [first] = report.fairness;
  if (!first) return <p className="notice">No viewer grouping had two or more groups to show.</p>;
  return (
    <Tabs.Root defaultValue={first.attribute} className="tabs">
      <Tabs.List aria-label="Viewer grouping" className="tab-list">
        {report.fairness.map((frame) => (
          <Tabs.Trigger key={frame.attribute} value={frame.attribute} className="tab">
            {groupingName(frame.attribute)}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {report.fairness.map((frame) => (
        <Tabs.Content key={frame.attribute} value={frame.attribute} className="tab-panel">
          <GroupMetricChart
            frame={frame}
            minGroupSize={report.settings.minGroupSize}
            confidence={report.settings.confidence}
          />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
