import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS, niceScale } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { count, decimal } from '../ui/format';
import type { DriftReport } from './useDrift';

type Distribution = DriftReport['distributions'][number];

const MEASURES = {
  psi: { name: 'Population stability index (PSI)', threshold: 'psiAlert' },
  js: { name: 'Jensen-Shannon divergence (bits)', threshold: 'jsAlert' },
} as const;

/** One divergence measure per distribution, with the policy's alert threshold as a line. */
export function DriftScoreChart({
  report,
  measure,
}: {
  report: DriftReport;
  measure: keyof typeof MEASURES;
}) {
  const { name, threshold: thresholdKey } = MEASURES[measure];
  const threshold = report.thresholds[thresholdKey];
  const compared = report.distributions.filter((d) => d[measure] !== null);
  const over = compared.filter((d) => (d[measure] as number) >= threshold).map((d) => d.name);
  const title = `${name} per distribution`;
  const scale = niceScale(Math.max(threshold * 1.2, ...compared.map((d) => d[measure] as number)));
  return (
    <ChartFigure
      title={title}
      testId={`drift-${measure}`}
      description={`Recent traffic against the baseline; the dashed line is the alert threshold ${decimal(threshold)}. ${over.length > 0 ? `At or over it: ${over.join(', ')}.` : 'No distribution reaches it.'} ${report.distributions.length - compared.length} distribution(s) not compared.`}
      table={
        <DataTable<Distribution>
          caption={title}
          rows={report.distributions}
          rowKey={(d) => d.name}
          columns={[
            { header: 'Distribution', cell: (d) => d.name },
            { header: measure.toUpperCase(), cell: (d) => decimal(d[measure]), numeric: true },
            { header: 'Status', cell: (d) => (d.reason ? `${d.status}: ${d.reason}` : d.status) },
            { header: 'Baseline', cell: (d) => count(d.baselineTotal), numeric: true },
            { header: 'Recent', cell: (d) => count(d.recentTotal), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={compared} margin={{ top: 24, right: 16, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS_TICK} />
          <YAxis
            domain={[0, scale.top]}
            ticks={scale.ticks}
            tick={AXIS_TICK}
            tickFormatter={(value: number) => value.toFixed(2)}
          />
          <Tooltip formatter={(value) => decimal(Number(value))} />
          <ReferenceLine
            y={threshold}
            stroke={COLORS.red}
            strokeDasharray="6 4"
            strokeWidth={2}
            label={{
              value: `alert at ${decimal(threshold, 2)}`,
              position: 'insideTopRight',
              fill: COLORS.red,
            }}
          />
          <Bar dataKey={measure} name={name} fill={COLORS.blue} minPointSize={2} isAnimationActive={false}>
            <LabelList
              dataKey={measure}
              position="top"
              fill="#1b1f24"
              formatter={(value) => decimal(Number(value))}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
