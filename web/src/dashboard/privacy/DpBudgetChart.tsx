import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, SERIES } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { decimal } from '../ui/format';
import type { DpBudget, PrivacyFigures } from './usePrivacy';

interface Row {
  dataset: string;
  spent: number;
  remaining: number;
  limit: number;
  mostByAnyone: number | null;
  queries: string;
}

/** The caller's ε per dataset, spent and remaining, with the most any analyst has spent. */
export function DpBudgetChart({ budget, figures }: { budget: DpBudget; figures: PrivacyFigures }) {
  const rows: Row[] = budget.datasets.map((d) => ({
    dataset: d.dataset,
    spent: Math.max(0, d.limit.epsilon - d.remaining.epsilon),
    remaining: d.remaining.epsilon,
    limit: d.limit.epsilon,
    mostByAnyone: figures.dpBudget.find((f) => f.dataset === d.dataset)?.maxEpsilonSpent ?? null,
    queries: d.queries.join(', '),
  }));
  const title = 'Your differential-privacy budget (ε) per dataset';
  return (
    <ChartFigure
      title={title}
      testId="dp-budget"
      description={`${budget.composition}. ${rows.map((r) => `${r.dataset}: ${decimal(r.remaining, 2)} of ${decimal(r.limit, 2)} left`).join('; ')}.`}
      table={
        <DataTable<Row>
          caption={title}
          rows={rows}
          rowKey={(r) => r.dataset}
          columns={[
            { header: 'Dataset', cell: (r) => r.dataset },
            { header: 'Queries', cell: (r) => r.queries },
            { header: 'Your ε spent', cell: (r) => decimal(r.spent, 2), numeric: true },
            { header: 'Your ε remaining', cell: (r) => decimal(r.remaining, 2), numeric: true },
            { header: 'Limit per analyst', cell: (r) => decimal(r.limit, 2), numeric: true },
            { header: 'Most spent by any analyst', cell: (r) => decimal(r.mostByAnyone, 2), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="dataset" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} />
          <Tooltip formatter={(value) => decimal(Number(value), 2)} />
          <Legend />
          <Bar dataKey="spent" name="ε spent" stackId="budget" {...SERIES[1]} isAnimationActive={false} />
          <Bar
            dataKey="remaining"
            name="ε remaining"
            stackId="budget"
            {...SERIES[0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
