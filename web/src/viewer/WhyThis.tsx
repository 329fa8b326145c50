import { useQuery } from '@tanstack/react-query';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { Problem } from '../ui/Problem';
import { confidenceText, reasonLines } from './reasons';
import type { Served, ServedItem } from './useRecommendations';

/**
 * "Why this?": a small popover with the reasons the pipeline recorded for the item (true of the model
 * and the stage that placed it), its confidence and lineage. The counterfactual (which history items it
 * would leave the list without) is computed by the server only when asked: details on demand.
 */
export function WhyThis({ item, served }: { item: ServedItem; served: Served }) {
  const lines = reasonLines(item.reasons);
  const [askCounterfactual, setAskCounterfactual] = useState(false);
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="link-button" aria-label={`Why this? ${item.title}`}>
          Why this?
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover"
          sideOffset={6}
          collisionPadding={12}
          aria-label={`Why ${item.title}`}
        >
          <h2 className="popover-title">Why “{item.title}”</h2>
          {lines.length === 0 ? (
            <p>No reason was recorded for this pick.</p>
          ) : (
            <ul className="reasons" data-testid="why-reasons">
              {lines.map((line, at) => (
                <li key={at}>
                  {line.itemId ? <Link to={`/items/${line.itemId}`}>{line.text}</Link> : line.text}
                  {line.share !== undefined ? (
                    <>
                      <span className="visually-hidden">, {Math.round(line.share * 100)}% of the reason</span>
                      <span className="share" aria-hidden="true">
                        <span className="share-bar" style={{ width: `${Math.max(4, line.share * 100)}%` }} />
                      </span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            {confidenceText(item.confidence)} · model {served.lineage.algorithm} · policy{' '}
            {served.lineage.policyVersion.slice(0, 8)}
          </p>
          {served.consent.personalization ? null : (
            <p className="muted">
              Not based on your history: you have not agreed to personal recommendations.
            </p>
          )}
          {askCounterfactual ? (
            <Counterfactual decisionId={served.decisionId} itemId={item.itemId} />
          ) : lines.some((line) => line.itemId && line.share !== undefined) ? (
            <button type="button" className="link-button" onClick={() => setAskCounterfactual(true)}>
              What would change this?
            </button>
          ) : null}
          <p>
            <Link to="/how-recommendations-work">How recommendations work</Link>
          </p>
          <Popover.Close className="popover-close" aria-label="Close">
            ×
          </Popover.Close>
          <Popover.Arrow className="popover-arrow" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function Counterfactual({ decisionId, itemId }: { decisionId: string; itemId: string }) {
  const query = useQuery({
    queryKey: ['why', decisionId, itemId],
    queryFn: () =>
      ok(
        api.GET('/v1/recommendations/{id}/items/{itemId}/why', {
          params: { path: { id: decisionId, itemId } },
        }),
      ),
    staleTime: Infinity,
  });
  if (query.isPending) return <p role="status">Working it out…</p>;
  if (query.isError) return <Problem error={query.error} />;
  const counterfactual = query.data.counterfactual;
  return (
    <p data-testid="counterfactual">
      {counterfactual.found
        ? `Without ${counterfactual.removed.map((r) => `“${r.title}”`).join(' and ')} in your history, it would leave your list${counterfactual.verified ? ' (checked by re-running it)' : ''}.`
        : counterfactual.reason === 'not-personalized'
          ? 'This list was not built from your history.'
          : 'It would stay on your list even without your history.'}
    </p>
  );
}
