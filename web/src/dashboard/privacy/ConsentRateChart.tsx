import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { count, percent } from '../ui/format';
import type { PrivacyFigures } from './usePrivacy';

type Consent = PrivacyFigures['consent'][number];

/** The share of viewers whose latest answer for each purpose is a grant (no answer counts as no). */
export function ConsentRateChart({ figures }: { figures: PrivacyFigures }) {
  const title = 'Consent rate per purpose';
  return (
    <ChartFigure
      title={title}
      testId="consent-rates"
      description={`Of ${count(figures.subjects)} viewers: ${figures.consent.map((c) => `${c.title} ${percent(c.rate)}`).join(', ')}. A viewer who never answered counts as not granting.`}
      table={
        <DataTable<Consent>
          caption={title}
          rows={figures.consent}
          rowKey={(c) => c.purpose}
          columns={[
            { header: 'Purpose', cell: (c) => c.title },
            { header: 'Id', cell: (c) => <code>{c.purpose}</code> },
            { header: 'Viewers granting', cell: (c) => count(c.granted), numeric: true },
            { header: 'Rate', cell: (c) => percent(c.rate), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={60 + 48 * figures.consent.length}>
        <BarChart
          data={figures.consent}
          layout="vertical"
          margin={{ top: 8, right: 72, bottom: 8, left: 8 }}
          title={title}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tick={AXIS_TICK}
            tickFormatter={(value: number) => percent(value, 0)}
          />
          <YAxis type="category" dataKey="title" width={200} tick={AXIS_TICK} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Bar
            dataKey="rate"
            name="Consent rate"
            fill={COLORS.blue}
            minPointSize={2}
            isAnimationActive={false}
          >
            <LabelList
              dataKey="rate"
              position="right"
              fill="#1b1f24"
              formatter={(value) => percent(Number(value))}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
