import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, SERIES } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { percent } from '../ui/format';
import type { DriftReport } from './useDrift';

type Distribution = DriftReport['distributions'][number];
type Bin = Distribution['bins'][number];

/** One distribution's bins: the baseline's share against the recent window's. */
export function DriftBinsChart({ distribution }: { distribution: Distribution }) {
  const title = `${distribution.name}: baseline against recent`;
  return (
    <ChartFigure
      title={title}
      testId={`drift-bins-${distribution.name}`}
      description={`${distribution.description}. Status ${distribution.status}${distribution.reason ? ` (${distribution.reason})` : ''}.`}
      table={
        <DataTable<Bin>
          caption={title}
          rows={distribution.bins}
          rowKey={(bin) => bin.key}
          columns={[
            { header: 'Bin', cell: (b) => b.label },
            { header: 'Baseline share', cell: (b) => percent(b.baseline), numeric: true },
            { header: 'Recent share', cell: (b) => percent(b.recent), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={distribution.bins} margin={{ top: 8, right: 16, bottom: 48, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} angle={-30} textAnchor="end" interval={0} height={60} />
          <YAxis tick={AXIS_TICK} tickFormatter={(value: number) => percent(value, 0)} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend verticalAlign="top" />
          <Bar dataKey="baseline" name="Baseline share" {...SERIES[0]} isAnimationActive={false} />
          <Bar dataKey="recent" name="Recent share" {...SERIES[1]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
