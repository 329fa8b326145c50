import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ApiBody, ok } from '../../api/client';

export type AuditEntry = ApiBody<'/v1/audit/log'>['entries'][number];
export type ChainVerification = ApiBody<'/v1/audit/log/verification'>;
export type DecisionRecord = ApiBody<'/v1/audit/decisions/{id}'>;

export const AUDIT_LOG_PAGE = 25;

/** One page of the audit log, newest first: entries below `before` (a sequence number). */
export function useAuditLogPage(before: number | undefined, action: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'audit-log', before ?? null, action ?? null],
    queryFn: () =>
      ok(
        api.GET('/v1/audit/log', {
          params: {
            query: { limit: AUDIT_LOG_PAGE, ...(before ? { before } : {}), ...(action ? { action } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Recomputes the whole hash chain on the server. */
export function useChainVerification() {
  return useQuery({
    queryKey: ['dashboard', 'audit-log', 'verification'],
    queryFn: () => ok(api.GET('/v1/audit/log/verification')),
  });
}

export function useDecisionRecord(id: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'decision', id],
    queryFn: () => ok(api.GET('/v1/audit/decisions/{id}', { params: { path: { id: id as string } } })),
    enabled: id !== undefined,
    retry: false,
  });
}
