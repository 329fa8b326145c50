import { DataTable } from '../ui/DataTable';
import { dateTime, decimal, shortId } from '../ui/format';
import { type GateReport } from './useModels';

type Check = GateReport['checks'][number];

function outcome(check: Check): string {
  if (check.skipped) return `Not applicable: ${check.skipped}`;
  return check.passed ? 'Passed' : 'Failed';
}

/** The latest gate report: each policy threshold, what the version measured, and whether it passed. */
export function GateReportView({ report }: { report: GateReport }) {
  return (
    <>
      <p data-testid="gate-summary">
        <strong className={report.passed ? 'status-ok' : 'status-bad'}>
          {report.passed ? 'Gate passed' : 'Gate failed'}
        </strong>
        {` on ${dateTime(report.createdAt)} under policy ${report.policyVersion}, against ${report.baselineId ? `production ${shortId(report.baselineId)}` : 'no production model'} (${report.protocol.split}, seed ${report.protocol.seed}, k ${report.protocol.k}).`}
      </p>
      <DataTable<Check>
        caption="Gate checks"
        testId="gate-checks"
        rows={report.checks}
        rowKey={(check) => check.id}
        columns={[
          { header: 'Check', cell: (c) => c.label },
          { header: 'Value', cell: (c) => decimal(c.value), numeric: true },
          { header: 'Threshold', cell: (c) => `${c.comparison} ${decimal(c.threshold)}`, numeric: true },
          {
            header: 'Outcome',
            cell: (c) => (
              <span className={c.skipped ? undefined : c.passed ? 'status-ok' : 'status-bad'}>
                {outcome(c)}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
