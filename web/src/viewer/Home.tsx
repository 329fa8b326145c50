import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { hasReason } from './reasons';
import { RecommendationRow } from './RecommendationRow';
import { useNonProfilingFeed } from './useFeedPreference';
import { HOME_ROW_SIZE, homeRequest, useRecommendations } from './useRecommendations';

export function Home() {
  const [nonProfiling, setNonProfiling] = useNonProfilingFeed();
  const home = useRecommendations(homeRequest(nonProfiling));
  const personal = !nonProfiling && home.data?.consent.personalization === true;
  const lastWatched = useQuery({
    queryKey: ['history', 'latest'],
    queryFn: () => ok(api.GET('/v1/me/history', { params: { query: { limit: 1 } } })),
    enabled: personal,
  });
  const anchor = lastWatched.data?.events[0];
  const because = useRecommendations(
    { surface: 'detail', limit: HOME_ROW_SIZE, itemId: anchor?.itemId ?? '', nonProfiling: false },
    personal && !!anchor,
  );

  return (
    <div className="page home">
      <div className="home-head">
        <h1>Home</h1>
        <FeedSwitch nonProfiling={nonProfiling} onChange={setNonProfiling} />
      </div>
      {home.data && !home.data.consent.personalization && !nonProfiling ? (
        <p className="notice">
          You have not agreed to personal recommendations, so these are the titles most watched by everyone.
          You can change this in <Link to="/privacy">Privacy</Link>.
        </p>
      ) : null}
      {home.isPending ? <Loading label="Finding titles for you" /> : null}
      {home.isError ? <Problem error={home.error} title="Recommendations are unavailable" /> : null}
      {home.data ? (
        <>
          <RecommendationRow
            testId="row-for-you"
            title={nonProfiling ? 'Popular right now' : 'For you'}
            description={
              nonProfiling
                ? 'Not based on your profile: the same popular titles for everyone of your profile’s age group.'
                : undefined
            }
            served={home.data}
            items={home.data.items.filter((item) => !hasReason(item.reasons, 'exploration-pick'))}
          />
          {home.data.items.some((item) => hasReason(item.reasons, 'exploration-pick')) ? (
            <RecommendationRow
              testId="row-explore"
              title="Something new for you"
              description="Picked on purpose from outside the genres you usually watch."
              served={home.data}
              items={home.data.items.filter((item) => hasReason(item.reasons, 'exploration-pick'))}
            />
          ) : null}
        </>
      ) : null}
      {personal && anchor && because.data ? (
        <RecommendationRow
          testId="row-because"
          title={`Because you watched ${anchor.title}`}
          served={because.data}
          items={because.data.items}
        />
      ) : null}
    </div>
  );
}

/** The switch to the feed not based on profiling (DSA Art. 38), on the home page where it matters. */
function FeedSwitch({ nonProfiling, onChange }: { nonProfiling: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="feed-switch">
      <button
        type="button"
        role="switch"
        aria-checked={nonProfiling}
        id="feed-switch"
        className="switch"
        onClick={() => onChange(!nonProfiling)}
      >
        <span className="switch-thumb" aria-hidden="true" />
      </button>
      <label htmlFor="feed-switch">Show a feed not based on my profile</label>
    </div>
  );
}
