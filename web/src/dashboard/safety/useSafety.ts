import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, ok } from '../../api/client';

export type SafetyFigures = ApiBody<'/v1/analytics/safety'>;
export type QueueEntry = ApiBody<'/v1/safety/queue'>['entries'][number];
export type QueueStatus = QueueEntry['status'];
export type QuarantineEntry = ApiBody<'/v1/safety/quarantine'>['entries'][number];
export type QuarantineStatus = QuarantineEntry['status'];

const SAFETY_KEY = ['dashboard', 'safety'] as const;

export function useSafetyFigures(days: number) {
  return useQuery({
    queryKey: [...SAFETY_KEY, 'figures', days],
    queryFn: () => ok(api.GET('/v1/analytics/safety', { params: { query: { days } } })),
  });
}

export function useCuratorQueue(status: QueueStatus) {
  return useQuery({
    queryKey: [...SAFETY_KEY, 'queue', status],
    queryFn: () => ok(api.GET('/v1/safety/queue', { params: { query: { status } } })),
  });
}

export function useBlocklists() {
  return useQuery({
    queryKey: [...SAFETY_KEY, 'blocklists'],
    queryFn: () => ok(api.GET('/v1/safety/blocklists')),
  });
}

/** A curator's decision on held content; the queue and the figures change with it. */
export function useQueueDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approved' | 'rejected' }) =>
      ok(api.POST('/v1/safety/queue/{id}/decision', { params: { path: { id } }, body: { decision } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAFETY_KEY }),
  });
}

export function useQuarantine(status: QuarantineStatus) {
  return useQuery({
    queryKey: [...SAFETY_KEY, 'quarantine', status],
    queryFn: () => ok(api.GET('/v1/safety/quarantine', { params: { query: { status } } })),
  });
}

/** A curator's decision on a quarantined profile: released into the next training, or confirmed fake. */
export function useQuarantineDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'release' | 'confirm' }) =>
      ok(api.POST('/v1/safety/quarantine/{id}/decision', { params: { path: { id } }, body: { decision } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...SAFETY_KEY, 'quarantine'] }),
  });
}
