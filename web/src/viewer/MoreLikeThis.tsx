import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { RecommendationRow } from './RecommendationRow';
import { useNonProfilingFeed } from './useFeedPreference';
import { useRecommendations } from './useRecommendations';

/** Titles like this one, from the same pipeline as the home rows and with the same feed choice. */
export function MoreLikeThis({ itemId }: { itemId: string }) {
  const [nonProfiling] = useNonProfilingFeed();
  const similar = useRecommendations({ surface: 'detail', itemId, limit: 8, nonProfiling });
  if (similar.isPending) return <Loading label="Finding similar titles" />;
  if (similar.isError) return <Problem error={similar.error} title="Similar titles are unavailable" />;
  return (
    <RecommendationRow
      testId="row-more-like-this"
      title="More like this"
      served={similar.data}
      items={similar.data.items}
    />
  );
}
