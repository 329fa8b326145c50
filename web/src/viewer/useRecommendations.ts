import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

export type Served = Awaited<ReturnType<typeof fetchRecommendations>>;
export type ServedItem = Served['items'][number];

export interface RecommendationsRequest {
  surface: 'home' | 'detail';
  limit: number;
  itemId?: string;
  nonProfiling: boolean;
}

export const recommendationsKey = (request: RecommendationsRequest) => ['recommendations', request] as const;

async function fetchRecommendations(request: RecommendationsRequest) {
  return ok(
    api.GET('/v1/recommendations', {
      params: {
        query: {
          surface: request.surface,
          limit: request.limit,
          ...(request.itemId ? { itemId: request.itemId } : {}),
          ...(request.nonProfiling ? { feed: 'non-profiling' as const } : {}),
        },
      },
    }),
  );
}

/** One served list; each answer is a new decision record, so it is not refetched behind the viewer's back. */
export function useRecommendations(request: RecommendationsRequest, enabled = true) {
  return useQuery({
    queryKey: recommendationsKey(request),
    queryFn: () => fetchRecommendations(request),
    enabled,
    staleTime: Infinity,
  });
}

/** The home page's main list: the first screen a viewer sees. */
export const HOME_ROW_SIZE = 12;

export const homeRequest = (nonProfiling: boolean): RecommendationsRequest => ({
  surface: 'home',
  limit: HOME_ROW_SIZE,
  nonProfiling,
});

/**
 * Starts the home list's request together with the session check when the app opens on the home page,
 * instead of after it: the first screen waits for one round trip, not two. A signed-out visitor's
 * request is refused (401) and changes nothing.
 */
export function prefetchHome(queryClient: QueryClient, nonProfiling: boolean): void {
  const request = homeRequest(nonProfiling);
  void queryClient.prefetchQuery({
    queryKey: recommendationsKey(request),
    queryFn: () => fetchRecommendations(request),
    staleTime: Infinity,
  });
}
