import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, ok } from '../../api/client';

export type DriftReport = ApiBody<'/v1/admin/monitoring/drift'>['reports'][number];
export type Alert = ApiBody<'/v1/admin/monitoring/alerts'>['alerts'][number];

const DRIFT_KEY = ['dashboard', 'drift'] as const;
const ALERTS_KEY = ['dashboard', 'alerts'] as const;

/** The latest drift reports, newest first (stored: the schedule's runs and on-demand ones). */
export function useDriftReports(limit = 10) {
  return useQuery({
    queryKey: [...DRIFT_KEY, limit],
    queryFn: () => ok(api.GET('/v1/admin/monitoring/drift', { params: { query: { limit } } })),
  });
}

export function useAlerts(limit = 50) {
  return useQuery({
    queryKey: [...ALERTS_KEY, limit],
    queryFn: () => ok(api.GET('/v1/admin/monitoring/alerts', { params: { query: { limit } } })),
  });
}

/** Runs a drift comparison now (the policy's window when `windowDays` is absent). */
export function useRunDrift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (windowDays: number | undefined) =>
      ok(api.POST('/v1/admin/monitoring/drift', { body: windowDays === undefined ? {} : { windowDays } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: DRIFT_KEY });
      await queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
    },
  });
}
