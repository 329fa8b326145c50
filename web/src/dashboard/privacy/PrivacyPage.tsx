import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { StatTiles } from '../ui/StatTiles';
import { count, dateTime } from '../ui/format';
import { ConsentRateChart } from './ConsentRateChart';
import { DpBudgetChart } from './DpBudgetChart';
import { type PrivacyFigures, useDpBudget, usePrivacyFigures } from './usePrivacy';

/** Consent rates, erasures served and differential-privacy budgets: aggregates for analysts. */
export function PrivacyPage() {
  return (
    <DashboardPage
      title="Privacy"
      lead="How many viewers agree to each use of their data, how many erasures Candor has carried out, and how much of the differential-privacy budget analysts have spent."
    >
      <Permitted permission="analytics:read" what="privacy figures">
        <PrivacyFiguresView />
      </Permitted>
    </DashboardPage>
  );
}

function PrivacyFiguresView() {
  const figures = usePrivacyFigures();
  return (
    <QueryView query={figures} what="privacy figures" permission="analytics:read">
      {(data) => (
        <>
          <StatTiles
            label="Privacy figures"
            stats={[
              { label: 'Viewers', value: count(data.subjects) },
              {
                label: 'Erasures served',
                value: count(data.erasures),
                note: data.lastErasureAt ? `last ${dateTime(data.lastErasureAt)}` : 'none yet',
              },
            ]}
          />
          <h2>Consent</h2>
          <ConsentRateChart figures={data} />
          <h2>Differential privacy</h2>
          <Budget figures={data} />
        </>
      )}
    </QueryView>
  );
}

function Budget({ figures }: { figures: PrivacyFigures }) {
  const budget = useDpBudget();
  return (
    <QueryView query={budget} what="your privacy budget" permission="analytics:read">
      {(data) => <DpBudgetChart budget={data} figures={figures} />}
    </QueryView>
  );
}
