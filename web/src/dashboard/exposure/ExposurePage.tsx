import { WithLatestAudit } from '../audits/WithLatestAudit';
import { useDriftReports } from '../monitoring/useDrift';
import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { StatTiles } from '../ui/StatTiles';
import { decimal, percent } from '../ui/format';
import { AuditTrendChart } from './AuditTrendChart';
import { ExposureShareChart } from './ExposureShareChart';
import { ServedExposureChart } from './ServedExposureChart';

/** Who the recommendations expose: creator groups and popularity against the catalog, and over time. */
export function ExposurePage() {
  return (
    <DashboardPage
      title="Exposure"
      lead="Which creators and which parts of the catalog the recommendations put in front of viewers, measured against each group's share of the catalog, in the latest audit and over time."
    >
      <h2>In the latest audit</h2>
      <WithLatestAudit>
        {({ report }, audits) => (
          <>
            <StatTiles
              label="Catalog-wide exposure"
              stats={[
                {
                  label: 'Catalog coverage',
                  value: percent(report.exposure.catalog.coverage),
                  note: 'of items recommended to someone',
                },
                {
                  label: 'Exposure Gini',
                  value: decimal(report.exposure.catalog.gini),
                  note: '0 even, 1 concentrated',
                },
              ]}
            />
            {report.exposure.byAttribute.map((audit) => (
              <ExposureShareChart key={audit.attribute} audit={audit} />
            ))}
            <h2>Over time</h2>
            <AuditTrendChart audits={audits} />
          </>
        )}
      </WithLatestAudit>
      <h2>In served traffic</h2>
      <Permitted permission="monitoring:read" what="served exposure from the drift reports">
        <ServedExposure />
      </Permitted>
    </DashboardPage>
  );
}

function ServedExposure() {
  const reports = useDriftReports(1);
  return (
    <QueryView query={reports} what="the latest drift report" permission="monitoring:read">
      {({ reports: [latest] }) =>
        latest ? (
          <ServedExposureChart report={latest} />
        ) : (
          <p className="notice">No drift report yet: run a drift check on the Monitoring page.</p>
        )
      }
    </QueryView>
  );
}
