import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AuditReport } from '../audits/useAudits';
import { ChartFigure } from '../ui/ChartFigure';
import { AXIS_TICK, SERIES } from '../ui/chart-theme';
import { DataTable } from '../ui/DataTable';
import { decimal, percent } from '../ui/format';

type ExposureAudit = AuditReport['exposure']['byAttribute'][number];
type ExposureGroup = ExposureAudit['groups'][number];

const ATTRIBUTE_NAMES: Record<string, string> = {
  creatorGroup: 'creator group',
  popularity: 'popularity bucket',
};

/** The sentence a screen reader hears for the chart: each group's exposure against its catalog share. */
function summary(audit: ExposureAudit): string {
  return audit.groups
    .map(
      (g) =>
        `${g.group}: ${percent(g.exposureShare)} of exposure for ${percent(g.catalogShare)} of the catalog`,
    )
    .join('; ');
}

/** Exposure share of each item group against its catalog share and its share of relevant items. */
export function ExposureShareChart({ audit }: { audit: ExposureAudit }) {
  const name = ATTRIBUTE_NAMES[audit.attribute] ?? audit.attribute;
  const title = `Exposure by ${name} against catalog share`;
  return (
    <ChartFigure
      title={title}
      testId={`exposure-${audit.attribute}`}
      description={`Position-weighted share of the top-k lists each group gets, beside its share of the catalog and of the viewers' relevant (held-out) items. ${summary(audit)}.`}
      table={
        <DataTable<ExposureGroup>
          caption={title}
          rows={audit.groups}
          rowKey={(group) => group.group}
          columns={[
            { header: 'Group', cell: (g) => g.group },
            { header: 'Items', cell: (g) => g.items, numeric: true },
            { header: 'Catalog share', cell: (g) => percent(g.catalogShare), numeric: true },
            { header: 'Exposure share', cell: (g) => percent(g.exposureShare), numeric: true },
            { header: 'Relevance share', cell: (g) => percent(g.relevanceShare), numeric: true },
            { header: 'Exposure ÷ catalog', cell: (g) => decimal(g.exposureToCatalog, 2), numeric: true },
            { header: 'Exposure ÷ relevance', cell: (g) => decimal(g.exposureToRelevance, 2), numeric: true },
            { header: 'Coverage of its items', cell: (g) => percent(g.coverage), numeric: true },
          ]}
        />
      }
    >
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={audit.groups} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={title}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="group" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={(value: number) => percent(value, 0)} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend />
          <Bar dataKey="exposureShare" name="Exposure share" {...SERIES[0]} isAnimationActive={false} />
          <Bar dataKey="catalogShare" name="Catalog share" {...SERIES[1]} isAnimationActive={false} />
          <Bar dataKey="relevanceShare" name="Relevance share" {...SERIES[2]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
