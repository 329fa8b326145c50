import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError, ok } from '../api/client';
import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { ItemDetails } from './ItemDetails';
import { ItemReviews } from './ItemReviews';
import { MoreLikeThis } from './MoreLikeThis';
import { retryUnlessAnswered } from './retry';
import { useDocumentTitle } from './useDocumentTitle';
import './viewer.css';

/** One title: its details, more like it, and viewers' reviews. */
export function ItemPage() {
  const { id = '' } = useParams();
  const item = useQuery({
    queryKey: ['item', id],
    queryFn: () => ok(api.GET('/v1/items/{id}', { params: { path: { id } } })),
    retry: retryUnlessAnswered,
  });
  useDocumentTitle(item.data?.title ?? 'Title');

  if (item.isPending) return <Loading label="Loading the title" />;
  if (item.isError) return <ItemUnavailable error={item.error} />;
  return (
    <div className="page item-page">
      <ItemDetails item={item.data} />
      <MoreLikeThis itemId={item.data.id} />
      <ItemReviews itemId={item.data.id} title={item.data.title} />
    </div>
  );
}

/**
 * The API answers an item above the profile's age limit exactly like a missing one (its existence is
 * not disclosed), so the page says both in one sentence.
 */
function ItemUnavailable({ error }: { error: unknown }) {
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <section className="page" aria-labelledby="item-unavailable">
      <h1 id="item-unavailable">Title not available</h1>
      {missing ? (
        <p className="problem" role="alert">
          This title is not available on your profile, or it does not exist.
        </p>
      ) : (
        <Problem error={error} title="The title could not be loaded" />
      )}
    </section>
  );
}
