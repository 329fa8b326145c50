import { useId, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AuditReport } from '../audits/useAudits';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { decimal, percent } from '../ui/format';

type Tradeoffs = NonNullable<AuditReport['tradeoffs']>;
type Row = Tradeoffs['rows'][number];

/** The figures a reranker may buy with accuracy; `better` says which way is an improvement. */
const GAINS = {
  catalogCoverage: { label: 'Catalog coverage', better: 'higher', share: true },
  intraListDiversity: { label: 'Intra-list diversity', better: 'higher', share: false },
  underrepresentedExposure: {
    label: 'Exposure share of under-represented creators',
    better: 'higher',
    share: true,
  },
  longTailShare: { label: 'Long-tail share of lists', better: 'higher', share: true },
  gini: { label: 'Exposure Gini', better: 'lower', share: false },
  calibrationKl: { label: 'Calibration KL from viewing history', better: 'lower', share: false },
} as const;
type Gain = keyof typeof GAINS;

const shown = (gain: Gain, value: number | null) => (GAINS[gain].share ? percent(value) : decimal(value));

/**
 * One series per row, each with its own marker shape and colour (recharts has seven shapes, for the
 * model order, five rerankers and the policy as served), named in the legend: points often sit close
 * together, where labels beside them would overlap.
 */
const MARKERS = [
  { shape: 'square', color: COLORS.grey },
  { shape: 'circle', color: COLORS.blue },
  { shape: 'triangle', color: COLORS.orange },
  { shape: 'diamond', color: COLORS.green },
  { shape: 'cross', color: COLORS.purple },
  { shape: 'wye', color: COLORS.red },
  { shape: 'star', color: COLORS.teal },
] as const;

const legendName = (row: Row) =>
  row.kind === 'policy' ? `${row.label} (${row.rerankers.join(' → ')})` : row.label;

const settingsText = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');

/** Each reranker's accuracy cost (x) against what it buys (y, chosen by the reader). */
export function TradeoffChart({ tradeoffs, metric }: { tradeoffs: Tradeoffs; metric: string }) {
  const [gain, setGain] = useState<Gain>('catalogCoverage');
  const selectId = useId();
  const points = tradeoffs.rows.map((row) => ({
    ...row,
    name: legendName(row),
    x: 100 * row.ndcgLoss,
    y: row[gain],
  }));
  const baseline = tradeoffs.rows[0];
  const title = `Reranker trade-off: ${metric} loss against ${GAINS[gain].label.toLowerCase()}`;
  return (
    <>
      <div className="control-row">
        <label htmlFor={selectId}>Gain measured as</label>
        <select id={selectId} value={gain} onChange={(event) => setGain(event.target.value as Gain)}>
          {(Object.keys(GAINS) as Gain[]).map((key) => (
            <option key={key} value={key}>
              {`${GAINS[key].label} (${GAINS[key].better} is better)`}
            </option>
          ))}
        </select>
      </div>
      <ChartFigure
        title={title}
        testId="tradeoff-chart"
        description={`Each point is one reranker over the same candidate pools (${tradeoffs.poolSize} per viewer, lists of ${tradeoffs.k}, the ${tradeoffs.surface} surface). Left is cheaper in accuracy; ${GAINS[gain].better} is better on the vertical axis. The model order scores ${shown(gain, baseline?.[gain] ?? null)}.`}
        table={
          <DataTable<Row>
            caption="Reranker trade-offs"
            rows={tradeoffs.rows}
            rowKey={(row) => row.label}
            columns={[
              { header: 'Reranker', cell: (row) => row.label },
              { header: 'Settings', cell: (row) => settingsText(row.params) || '–' },
              { header: metric, cell: (row) => decimal(row.ndcg), numeric: true },
              { header: `${metric} loss`, cell: (row) => percent(row.ndcgLoss), numeric: true },
              { header: 'Coverage', cell: (row) => percent(row.catalogCoverage), numeric: true },
              { header: 'Diversity', cell: (row) => decimal(row.intraListDiversity), numeric: true },
              {
                header: 'Under-represented exposure',
                cell: (row) => percent(row.underrepresentedExposure),
                numeric: true,
              },
              { header: 'Long tail', cell: (row) => percent(row.longTailShare), numeric: true },
              { header: 'Gini', cell: (row) => decimal(row.gini), numeric: true },
              { header: 'Calibration KL', cell: (row) => decimal(row.calibrationKl), numeric: true },
              { header: 'ms per list', cell: (row) => decimal(row.msPerList, 2), numeric: true },
            ]}
          />
        }
      >
        <ResponsiveContainer width="100%" height={380}>
          <ScatterChart margin={{ top: 16, right: 24, bottom: 32, left: 16 }} title={title}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="x"
              name={`${metric} loss`}
              unit="%"
              tick={AXIS_TICK}
              label={{ value: `${metric} loss (%)`, position: 'insideBottom', offset: -16, fill: '#3d4451' }}
            />
            <YAxis
              type="number"
              dataKey="y"
              name={GAINS[gain].label}
              tick={AXIS_TICK}
              domain={[0, 'auto']}
              tickFormatter={(value: number) => shown(gain, value)}
              width={72}
            />
            <Tooltip
              formatter={(value, name) =>
                name === GAINS[gain].label ? shown(gain, Number(value)) : `${decimal(Number(value), 2)}%`
              }
            />
            <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 24 }} />
            {points.map((point, at) => {
              const marker = MARKERS[at % MARKERS.length] as (typeof MARKERS)[number];
              return (
                <Scatter
                  key={point.label}
                  name={point.name}
                  data={point.y === null ? [] : [point]}
                  fill={marker.color}
                  shape={marker.shape}
                  legendType={marker.shape}
                  isAnimationActive={false}
                />
              );
            })}
          </ScatterChart>
        </ResponsiveContainer>
      </ChartFigure>
    </>
  );
}
