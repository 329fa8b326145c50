import { useQuery } from '@tanstack/react-query';
import { api, type ApiBody, ok } from '../../api/client';

export type PrivacyFigures = ApiBody<'/v1/analytics/privacy'>;
export type DpBudget = ApiBody<'/v1/analytics/dp/budget'>;

export function usePrivacyFigures() {
  return useQuery({
    queryKey: ['dashboard', 'privacy'],
    queryFn: () => ok(api.GET('/v1/analytics/privacy')),
  });
}

/** The caller's own differential-privacy budget per dataset. */
export function useDpBudget() {
  return useQuery({
    queryKey: ['dashboard', 'dp-budget'],
    queryFn: () => ok(api.GET('/v1/analytics/dp/budget')),
  });
}
