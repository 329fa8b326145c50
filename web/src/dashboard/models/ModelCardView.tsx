import { useState } from 'react';
import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import { useModelCard } from './useModels';

/** The version's model card (Markdown as the server writes it), read when opened. */
export function ModelCardView({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const card = useModelCard(id, open);
  return (
    <details className="model-card" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Model card</summary>
      {card.isPending && open ? <Loading label="Loading the model card" /> : null}
      {card.isError ? <Problem error={card.error} title="Could not load the model card" /> : null}
      {card.data ? (
        <pre className="markdown" data-testid="model-card" tabIndex={0} aria-label="Model card text">
          {card.data}
        </pre>
      ) : null}
    </details>
  );
}
