import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AuditReport } from '../audits/useAudits';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { decimal, interval } from '../ui/format';
import { groupingName } from './groupings';

type Frame = AuditReport['fairness'][number];
type GroupStat = Frame['byGroup'][number];

/** What the frame's comparison says, in words (the chart's description). */
export function comparisonSentence(frame: Frame, minGroupSize: number): string {
  if (frame.worstGroup === null || frame.bestGroup === null) {
    return `Not compared: fewer than two groups have at least ${minGroupSize} evaluated viewers, so only each group's own interval is shown.`;
  }
  return `Worst group ${frame.worstGroup}, best ${frame.bestGroup}: difference ${decimal(frame.difference.value)} ${interval(frame.difference.ci)}, ratio ${decimal(frame.ratio.value)} ${interval(frame.ratio.ci)} (1 is parity; an interval reaching 1 means the gap is within noise).`;
}

/** The metric per viewer group of one grouping, with its bootstrap interval as an error bar. */
export function GroupMetricChart({
  frame,
  minGroupSize,
  confidence,
}: {
  frame: Frame;
  minGroupSize: number;
  confidence: number;
}) {
  // ErrorBar takes the distances below and above the bar's value.
  const data = frame.byGroup.map((group) => {
    const [low = group.mean, high = group.mean] = group.ci;
    return { ...group, errors: [group.mean - low, high - group.mean] };
  });
  const title = `${frame.metric} by ${groupingName(frame.attribute).toLowerCase()}`;
  return (
    <ChartFigure
      title={title}
      testId={`fairness-${frame.attribute}`}
      description={`Mean ${frame.metric} of each group with its ${Math.round(confidence * 100)}% interval; the dashed line is the overall mean ${decimal(frame.overall.mean)}. ${comparisonSentence(frame, minGroupSize)}`}
      table={
        <DataTable<GroupStat>
          caption={title}
          rows={frame.byGroup}
          rowKey={(group) => group.group}
          columns={[
            { header: 'Group', cell: (group) => group.group },
            { header: 'Viewers', cell: (group) => group.n, numeric: true },
            { header: frame.metric, cell: (group) => decimal(group.mean), numeric: true },
            {
              header: `${Math.round(confidence * 100)}% interval`,
              cell: (group) => interval(group.ci),
              numeric: true,
            },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 24, right: 64, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="group" tick={AXIS_TICK} interval={0} />
          <YAxis tick={AXIS_TICK} domain={[0, 'auto']} tickFormatter={(value: number) => value.toFixed(2)} />
          <Tooltip formatter={(value) => decimal(Number(value))} />
          <ReferenceLine
            y={frame.overall.mean}
            stroke={COLORS.grey}
            strokeDasharray="6 4"
            label={{ value: 'overall', position: 'right', fill: COLORS.grey }}
          />
          <Bar dataKey="mean" name={frame.metric} fill={COLORS.blue} isAnimationActive={false}>
            <ErrorBar dataKey="errors" width={8} strokeWidth={2} stroke={COLORS.red} direction="y" />
            <LabelList
              dataKey="mean"
              position="insideTop"
              fill="#ffffff"
              formatter={(value) => decimal(Number(value), 2)}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
