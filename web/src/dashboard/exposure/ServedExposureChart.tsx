import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DriftReport } from '../monitoring/useDrift';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { count, dateTime, decimal, percent } from '../ui/format';

type Fairness = DriftReport['fairness'];
type Day = Fairness['daily'][number];

/**
 * Under-represented creators' share of the exposure actually served, day by day over the latest drift
 * report's window, against their catalog share: live traffic, where the audits measure offline lists.
 */
export function ServedExposureChart({ report }: { report: DriftReport }) {
  const { fairness } = report;
  const title = 'Served exposure of under-represented creators by day';
  const catalogShare = fairness.catalogShare;
  return (
    <ChartFigure
      title={title}
      testId="served-exposure"
      description={`From the drift report of ${dateTime(report.createdAt)} (${report.window.days} days, ${count(fairness.slots)} served slots): exposure share ${percent(fairness.exposureShare)} against a catalog share of ${percent(catalogShare)}, ratio ${decimal(fairness.ratio, 2)} (alert below ${decimal(fairness.threshold, 2)}); status ${fairness.status}${fairness.reason ? `: ${fairness.reason}` : ''}.`}
      table={
        <DataTable<Day>
          caption={title}
          rows={fairness.daily}
          rowKey={(day) => day.day}
          columns={[
            { header: 'Day', cell: (d) => d.day },
            { header: 'Slots served', cell: (d) => count(d.slots), numeric: true },
            { header: 'Exposure share', cell: (d) => percent(d.exposureShare), numeric: true },
            { header: 'Ratio to catalog share', cell: (d) => decimal(d.ratio, 2), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={fairness.daily} margin={{ top: 16, right: 24, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={AXIS_TICK} />
          <YAxis domain={[0, 'auto']} tick={AXIS_TICK} tickFormatter={(value: number) => percent(value, 0)} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          {catalogShare !== null ? (
            <ReferenceLine
              y={catalogShare}
              stroke={COLORS.grey}
              strokeDasharray="6 4"
              label={{
                value: `catalog share ${percent(catalogShare)}`,
                position: 'insideTopRight',
                fill: COLORS.grey,
              }}
            />
          ) : null}
          <Line
            dataKey="exposureShare"
            name="Exposure share"
            stroke={COLORS.blue}
            strokeWidth={2}
            dot={{ r: 5 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
