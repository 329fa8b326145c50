import type { AuditReport } from '../audits/useAudits';
import { DataTable } from '../ui/DataTable';
import { decimal, interval } from '../ui/format';
import { groupingName } from './groupings';

type Frame = AuditReport['fairness'][number];

/** Every grouping's gap between its worst and best group, as difference and ratio with intervals. */
export function FairnessComparisonTable({ report }: { report: AuditReport }) {
  const compared = (frame: Frame) => frame.worstGroup !== null;
  return (
    <DataTable<Frame>
      caption={`Gap between the worst and the best group of each grouping (groups of at least ${report.settings.minGroupSize} viewers compared)`}
      testId="fairness-comparison"
      rows={report.fairness}
      rowKey={(frame) => frame.attribute}
      columns={[
        { header: 'Grouping', cell: (frame) => groupingName(frame.attribute) },
        { header: 'Groups shown', cell: (frame) => frame.byGroup.length, numeric: true },
        { header: 'Worst group', cell: (frame) => frame.worstGroup ?? 'not compared' },
        { header: 'Best group', cell: (frame) => frame.bestGroup ?? 'not compared' },
        {
          header: 'Difference [interval]',
          cell: (frame) =>
            compared(frame) ? `${decimal(frame.difference.value)} ${interval(frame.difference.ci)}` : '–',
          numeric: true,
        },
        {
          header: 'Ratio [interval]',
          cell: (frame) =>
            compared(frame) ? `${decimal(frame.ratio.value)} ${interval(frame.ratio.ci)}` : '–',
          numeric: true,
        },
      ]}
    />
  );
}
