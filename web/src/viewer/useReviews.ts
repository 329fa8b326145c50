import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

export const reviewsKey = (itemId: string) => ['reviews', itemId] as const;

/** The published reviews of a title (each inspected again by the server before it is shown). */
export function useReviews(itemId: string) {
  return useQuery({
    queryKey: reviewsKey(itemId),
    queryFn: () => ok(api.GET('/v1/items/{id}/reviews', { params: { path: { id: itemId } } })),
  });
}
