import { WithLatestAudit } from '../audits/WithLatestAudit';
import { DashboardPage } from '../ui/DashboardPage';
import { CohortChart, CohortTable } from './CohortChart';

/** Error analysis: the viewer cohorts the model fails most, from the latest audit. */
export function ErrorsPage() {
  return (
    <DashboardPage
      title="Error analysis"
      lead="The groups of viewers the model serves worst. A shallow decision tree over viewer features splits viewers by how badly their lists did; each leaf is a cohort."
    >
      <WithLatestAudit>
        {({ report }) => (
          <>
            <h2>Worst cohorts</h2>
            <CohortTable cohorts={report.errorAnalysis.cohorts} testId="cohort-table" />
            <p className="muted">
              {`Cohorts have at least ${report.errorAnalysis.minLeafSize} viewers and at most ${report.errorAnalysis.maxDepth} conditions; a split must explain ${(100 * report.errorAnalysis.complexity).toFixed(0)}% of the error to be made, so a single cohort means no split was worth making.`}
            </p>
            <CohortChart analysis={report.errorAnalysis} metric={report.metric} />
          </>
        )}
      </WithLatestAudit>
    </DashboardPage>
  );
}
