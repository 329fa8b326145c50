import { Link } from 'react-router';
import { DataTable } from '../ui/DataTable';
import { count, dateTime, shortId } from '../ui/format';
import type { ModelSummary } from './useModels';

/** Every trained version with its aliases and its parent (lineage), newest first. */
export function RegistryTable({
  models,
  selected,
}: {
  models: readonly ModelSummary[];
  selected: string | undefined;
}) {
  return (
    <DataTable<ModelSummary>
      caption="Trained model versions, newest first"
      testId="model-registry"
      rows={models}
      rowKey={(model) => model.id}
      columns={[
        {
          header: 'Version',
          cell: (model) => (
            <Link
              to={`/dashboard/models/${model.id}`}
              aria-current={model.id === selected ? 'true' : undefined}
              aria-label={`Open version ${shortId(model.id)} (${model.algorithm})`}
              title={model.id}
            >
              <code>{shortId(model.id)}</code>
            </Link>
          ),
        },
        { header: 'Algorithm', cell: (model) => model.algorithm },
        {
          header: 'Aliases',
          cell: (model) =>
            model.aliases.length > 0 || model.retired ? (
              <span className="badges">
                {model.aliases.map((alias) => (
                  <span key={alias} className={`badge alias-${alias}`}>
                    {alias}
                  </span>
                ))}
                {model.retired ? <span className="badge retired">retired</span> : null}
              </span>
            ) : (
              '–'
            ),
        },
        {
          header: 'Parent',
          cell: (model) =>
            model.parent ? <code title={model.parent}>{shortId(model.parent)}</code> : 'none',
        },
        { header: 'Trained', cell: (model) => dateTime(model.createdAt) },
        { header: 'Events', cell: (model) => count(model.data.events), numeric: true },
        { header: 'Viewers', cell: (model) => count(model.data.viewers), numeric: true },
      ]}
    />
  );
}
