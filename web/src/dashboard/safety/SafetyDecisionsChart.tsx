import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, SERIES } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { count, dateTime } from '../ui/format';
import type { SafetyFigures } from './useSafety';

const ACTIONS = ['allow', 'redact', 'block'] as const;

type Row = { surface: string } & Record<(typeof ACTIONS)[number], number>;

/** One row per surface, a count per action. */
function bySurface(figures: SafetyFigures): Row[] {
  const rows = new Map<string, Row>();
  for (const d of figures.decisions) {
    const row = rows.get(d.surface) ?? { surface: d.surface, allow: 0, redact: 0, block: 0 };
    if ((ACTIONS as readonly string[]).includes(d.action))
      row[d.action as (typeof ACTIONS)[number]] += d.count;
    rows.set(d.surface, row);
  }
  return [...rows.values()];
}

/** The safety gateway's decisions since a date, stacked by action for each surface. */
export function SafetyDecisionsChart({ figures }: { figures: SafetyFigures }) {
  const rows = bySurface(figures);
  const total = rows.reduce((sum, row) => sum + row.allow + row.redact + row.block, 0);
  const title = 'Safety decisions by surface and action';
  return (
    <ChartFigure
      title={title}
      testId="safety-decisions"
      description={`${count(total)} texts inspected since ${dateTime(figures.since)}: ${rows
        .map((row) => `${row.surface} ${row.allow} allowed, ${row.redact} redacted, ${row.block} blocked`)
        .join('; ')}.`}
      table={
        <DataTable<Row>
          caption={title}
          rows={rows}
          rowKey={(row) => row.surface}
          columns={[
            { header: 'Surface', cell: (r) => r.surface },
            { header: 'Allowed', cell: (r) => count(r.allow), numeric: true },
            { header: 'Redacted', cell: (r) => count(r.redact), numeric: true },
            { header: 'Blocked', cell: (r) => count(r.block), numeric: true },
          ]}
        />
      }
    >
      {rows.length > 0 ? (
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={title}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="surface" tick={AXIS_TICK} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip />
            <Legend />
            <Bar dataKey="allow" name="Allowed" stackId="action" {...SERIES[0]} isAnimationActive={false} />
            <Bar dataKey="redact" name="Redacted" stackId="action" {...SERIES[1]} isAnimationActive={false} />
            <Bar dataKey="block" name="Blocked" stackId="action" {...SERIES[2]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : (
        <p>No text was inspected in this period.</p>
      )}
    </ChartFigure>
  );
}
