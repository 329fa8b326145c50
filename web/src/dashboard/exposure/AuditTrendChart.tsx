import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type AuditJob, isFinished } from '../audits/useAudits';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, COLORS } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { dateTime, decimal, percent } from '../ui/format';

interface AuditPoint {
  at: string;
  label: string;
  coverage: number;
  gini: number | null;
  underrepresented: number | null;
}

/** One point per finished audit, oldest first. */
function pointsOf(audits: readonly AuditJob[]): AuditPoint[] {
  return audits
    .filter(isFinished)
    .map((audit) => ({
      at: audit.finishedAt,
      label: dateTime(audit.finishedAt),
      coverage: audit.report.exposure.catalog.coverage,
      gini: audit.report.exposure.catalog.gini,
      underrepresented:
        audit.report.exposure.byAttribute
          .find((a) => a.attribute === 'creatorGroup')
          ?.groups.find((g) => g.group === 'underrepresented')?.exposureShare ?? null,
    }))
    .reverse();
}

/**
 * Catalog coverage and exposure Gini across the audits this server process has run: the audits are
 * the only measurement of both, and the server keeps its last 20 in memory.
 */
export function AuditTrendChart({ audits }: { audits: readonly AuditJob[] }) {
  const points = pointsOf(audits);
  const title = 'Coverage and Gini over audits';
  const last = points[points.length - 1];
  return (
    <ChartFigure
      title={title}
      testId="audit-trend"
      description={`${points.length} finished audit${points.length === 1 ? '' : 's'} since the server started (kept in memory, so a restart begins a new series). Latest: coverage ${percent(last?.coverage)}, Gini ${decimal(last?.gini)}. Coverage is the share of the catalog recommended to someone; Gini 0 is even exposure, 1 all on one item.`}
      table={
        <DataTable<AuditPoint>
          caption={title}
          rows={points}
          rowKey={(point) => point.at}
          columns={[
            { header: 'Audit finished', cell: (p) => p.label },
            { header: 'Catalog coverage', cell: (p) => percent(p.coverage), numeric: true },
            { header: 'Exposure Gini', cell: (p) => decimal(p.gini), numeric: true },
            { header: 'Under-represented exposure', cell: (p) => percent(p.underrepresented), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis domain={[0, 1]} tick={AXIS_TICK} tickFormatter={(value: number) => value.toFixed(1)} />
          <Tooltip formatter={(value) => decimal(Number(value))} />
          <Legend />
          <Line
            dataKey="coverage"
            name="Catalog coverage"
            stroke={COLORS.blue}
            strokeWidth={2}
            dot={{ r: 5 }}
            isAnimationActive={false}
          />
          <Line
            dataKey="gini"
            name="Exposure Gini"
            stroke={COLORS.orange}
            strokeWidth={2}
            strokeDasharray="8 4"
            dot={{ r: 5, strokeWidth: 2, fill: '#ffffff' }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
