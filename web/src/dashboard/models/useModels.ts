import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, ok } from '../../api/client';

export type ModelSummary = ApiBody<'/v1/admin/models'>['models'][number];
export type ModelDetails = ApiBody<'/v1/admin/models/{id}'>;
const fetchGates = (id: string) => ok(api.GET('/v1/admin/models/{id}/gates', { params: { path: { id } } }));
// Typed from what the client returns (its response types widen interval tuples to arrays).
export type GateReport = Awaited<ReturnType<typeof fetchGates>>['gates'][number];
export type AliasEvent = ApiBody<'/v1/admin/models/aliases/history'>['events'][number];

const MODELS_KEY = ['dashboard', 'models'] as const;

export function useModels() {
  return useQuery({ queryKey: MODELS_KEY, queryFn: () => ok(api.GET('/v1/admin/models')) });
}

export function useModelDetails(id: string) {
  return useQuery({
    queryKey: [...MODELS_KEY, id, 'details'],
    queryFn: () => ok(api.GET('/v1/admin/models/{id}', { params: { path: { id } } })),
  });
}

export function useGateReports(id: string) {
  return useQuery({
    queryKey: [...MODELS_KEY, id, 'gates'],
    queryFn: () => fetchGates(id),
  });
}

/** The model card as Markdown, read when someone opens it. */
export function useModelCard(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...MODELS_KEY, id, 'card'],
    queryFn: () =>
      ok(
        api.GET('/v1/admin/models/{id}/card', {
          params: { path: { id }, query: { format: 'md' } },
          parseAs: 'text',
        }),
      ),
    enabled,
  });
}

export function useAliasHistory() {
  return useQuery({
    queryKey: [...MODELS_KEY, 'alias-history'],
    queryFn: () => ok(api.GET('/v1/admin/models/aliases/history', { params: { query: { limit: 20 } } })),
  });
}

/** Every change to the registry invalidates all of it: aliases, gates and sign-offs move together. */
function useRegistryMutation<Input, Output>(call: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MODELS_KEY }),
  });
}

export const useRunGate = (id: string) =>
  useRegistryMutation(() =>
    ok(api.POST('/v1/admin/models/{id}/gate', { params: { path: { id } }, body: {} })),
  );

export const useSignOff = (id: string) =>
  useRegistryMutation((input: { role: 'analyst' | 'auditor' | 'admin'; comment?: string }) =>
    ok(api.POST('/v1/admin/models/{id}/signoffs', { params: { path: { id } }, body: input })),
  );

export const usePromote = (id: string) =>
  useRegistryMutation((reason: string | undefined) =>
    ok(
      api.POST('/v1/admin/models/{id}/promote', { params: { path: { id } }, body: reason ? { reason } : {} }),
    ),
  );

export const useRollback = () =>
  useRegistryMutation((reason: string) => ok(api.POST('/v1/admin/models/rollback', { body: { reason } })));
