import { useQuery } from '@tanstack/react-query';
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
