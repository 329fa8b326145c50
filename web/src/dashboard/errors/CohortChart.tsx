import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AuditReport } from '../audits/useAudits';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS, SERIES } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { count, decimal, percent } from '../ui/format';

type ErrorAnalysis = AuditReport['errorAnalysis'];
type Cohort = ErrorAnalysis['cohorts'][number];

/** The cohorts the error tree found, worst first: how often the model fails them and how much of all failure they hold. */
export function CohortChart({ analysis, metric }: { analysis: ErrorAnalysis; metric: string }) {
  const title = 'Worst viewer cohorts by error rate';
  const [worst] = analysis.cohorts;
  const height = 110 + 56 * analysis.cohorts.length;
  return (
    <ChartFigure
      title={title}
      testId="error-cohorts"
      description={`Error is 1 − ${metric} per viewer; the dashed line is the mean error over all ${analysis.viewers} viewers (${decimal(analysis.meanError)}). ${worst ? `The worst cohort, “${worst.description}”, has ${worst.size} viewers, error rate ${decimal(worst.errorRate)} and ${percent(worst.shareOfError)} of all error.` : ''}`}
      table={<CohortTable cohorts={analysis.cohorts} />}
    >
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={analysis.cohorts}
          layout="vertical"
          margin={{ top: 24, right: 64, bottom: 8, left: 8 }}
          title={title}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tick={AXIS_TICK}
            tickFormatter={(value: number) => value.toFixed(1)}
          />
          <YAxis type="category" dataKey="description" width={240} tick={AXIS_TICK} />
          <Tooltip formatter={(value) => decimal(Number(value))} />
          <Legend />
          <ReferenceLine
            x={analysis.meanError}
            stroke={COLORS.grey}
            strokeDasharray="6 4"
            label={{ value: 'mean', position: 'top', fill: COLORS.grey }}
          />
          <Bar dataKey="errorRate" name="Error rate" {...SERIES[0]} isAnimationActive={false}>
            <LabelList
              dataKey="errorRate"
              position="right"
              fill="#1b1f24"
              formatter={(value) => decimal(Number(value), 2)}
            />
          </Bar>
          <Bar dataKey="shareOfError" name="Share of all error" {...SERIES[1]} isAnimationActive={false}>
            <LabelList
              dataKey="shareOfError"
              position="right"
              fill="#1b1f24"
              formatter={(value) => percent(Number(value), 0)}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function CohortTable({ cohorts, testId }: { cohorts: readonly Cohort[]; testId?: string }) {
  return (
    <DataTable<Cohort>
      caption="Viewer cohorts, worst first"
      testId={testId}
      rows={cohorts}
      rowKey={(cohort) => cohort.description}
      columns={[
        { header: 'Cohort', cell: (c) => c.description },
        { header: 'Viewers', cell: (c) => count(c.size), numeric: true },
        { header: 'Share of viewers', cell: (c) => percent(c.sizeShare), numeric: true },
        { header: 'Error rate', cell: (c) => decimal(c.errorRate), numeric: true },
        { header: 'Share of error', cell: (c) => percent(c.shareOfError), numeric: true },
      ]}
    />
  );
}
