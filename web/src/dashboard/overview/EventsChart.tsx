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
import type { ApiBody } from '../../api/client';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { count } from '../ui/format';

type Summary = ApiBody<'/v1/analytics/summary'>;
interface Row {
  kind: string;
  events: number;
}

/** Stored interaction events by kind (kinds with fewer than the minimum group size are left out). */
export function EventsChart({ summary }: { summary: Summary }) {
  const rows: Row[] = Object.entries(summary.eventsByKind)
    .map(([kind, events]) => ({ kind, events }))
    .sort((a, b) => b.events - a.events);
  const title = 'Interaction events by kind';
  return (
    <ChartFigure
      title={title}
      testId="events-by-kind"
      description={`${rows.map((r) => `${r.kind}: ${count(r.events)}`).join(', ')}. Kinds with fewer than ${summary.minGroupSize} events are not shown.`}
      table={
        <DataTable<Row>
          caption={title}
          rows={rows}
          rowKey={(r) => r.kind}
          columns={[
            { header: 'Kind', cell: (r) => r.kind },
            { header: 'Events', cell: (r) => count(r.events), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 24, right: 16, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="kind" tick={AXIS_TICK} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} />
          <Tooltip />
          <Bar dataKey="events" name="Events" fill={COLORS.blue} isAnimationActive={false}>
            <LabelList dataKey="events" position="top" fill="#1b1f24" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
