import { useId, useState } from 'react';
import { Problem } from '../../ui/Problem';
import { useModels } from '../models/useModels';
import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { shortId } from '../ui/format';
import { useScorecardDownload } from './useScorecardDownload';

/** The responsible-AI scorecard PDF of the production model or any version. */
export function ScorecardPage() {
  return (
    <DashboardPage
      title="Scorecard"
      lead="A PDF for stakeholders: the model against the policy's targets, accuracy and beyond-accuracy metrics, group fairness with confidence intervals, exposure by creator group and popularity, the best and worst cohorts, privacy and safety figures, and the sign-offs."
    >
      <Permitted permission="models:read" what="the scorecard">
        <ScorecardDownload />
      </Permitted>
    </DashboardPage>
  );
}

function ScorecardDownload() {
  const models = useModels();
  const download = useScorecardDownload();
  const [modelId, setModelId] = useState('');
  const selectId = useId();
  return (
    <div className="scorecard">
      <p>
        Making a scorecard re-audits the model on the stored data, so it takes about as long as training it
        once. Downloading the same one again is quick.
      </p>
      <div className="control-row">
        <label htmlFor={selectId}>Model</label>
        <select id={selectId} value={modelId} onChange={(event) => setModelId(event.target.value)}>
          <option value="">Production (whichever serves now)</option>
          {(models.data?.models ?? []).map((model) => (
            <option key={model.id} value={model.id}>
              {`${shortId(model.id)} ${model.algorithm}${model.aliases.length ? ` (${model.aliases.join(', ')})` : ''}`}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="primary"
          disabled={download.isPending}
          onClick={() => download.mutate(modelId || undefined)}
        >
          Download scorecard (PDF)
        </button>
      </div>
      <p role="status" className="muted">
        {download.isPending
          ? 'Preparing the scorecard…'
          : download.isSuccess
            ? `Downloaded ${download.data}.`
            : ''}
      </p>
      {download.isError ? <Problem error={download.error} title="No scorecard" /> : null}
    </div>
  );
}
