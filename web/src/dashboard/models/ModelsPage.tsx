import { useParams } from 'react-router';
import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { AliasHistoryTable } from './AliasHistoryTable';
import { ModelDetail } from './ModelDetail';
import { RegistryTable } from './RegistryTable';
import { RollbackForm } from './RollbackForm';
import { type ModelSummary, useAliasHistory, useModels } from './useModels';

/** The version to show when none is chosen: the candidate, else production, else the newest. */
const defaultVersion = (models: readonly ModelSummary[]) =>
  (
    models.find((m) => m.aliases.includes('candidate')) ??
    models.find((m) => m.aliases.includes('production')) ??
    models[0]
  )?.id;

/** The model registry: versions, lineage, gate reports, sign-offs and promotion. */
export function ModelsPage() {
  return (
    <DashboardPage
      title="Models"
      lead="Every trained version with its lineage. A candidate reaches production through the promotion gate (the policy's thresholds) and the sign-offs the policy asks for."
    >
      <Permitted permission="models:read" what="the model registry">
        <Registry />
      </Permitted>
    </DashboardPage>
  );
}

function Registry() {
  const { modelId } = useParams();
  const models = useModels();
  const history = useAliasHistory();
  return (
    <QueryView query={models} what="the model registry" permission="models:read">
      {({ models: list }) => {
        const selected = modelId ?? defaultVersion(list);
        return (
          <>
            <h2>Versions</h2>
            {list.length > 0 ? (
              <RegistryTable models={list} selected={selected} />
            ) : (
              <p>No model has been trained yet.</p>
            )}
            {selected ? <ModelDetail key={selected} id={selected} /> : null}
            <h2>Aliases</h2>
            <RollbackForm />
            <QueryView query={history} what="the alias history" permission="models:read">
              {({ events }) => <AliasHistoryTable events={events} />}
            </QueryView>
          </>
        );
      }}
    </QueryView>
  );
}
