import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

const fetchAudits = () => ok(api.GET('/v1/analytics/audits'));

// Typed from what the client returns (its response types widen the report's interval tuples to arrays).
export type AuditJob = Awaited<ReturnType<typeof fetchAudits>>['audits'][number];
export type AuditReport = NonNullable<AuditJob['report']>;
export type FinishedAudit = AuditJob & { report: AuditReport; finishedAt: string };

export const AUDITS_KEY = ['dashboard', 'audits'] as const;

/** How often the list is read again while an audit runs. */
const POLL_MS = 1_000;

/**
 * The server's recent audits (newest first), polled while one runs. Audits are kept in the server
 * process's memory (the last 20): a restart starts the list afresh.
 */
export function useAudits() {
  return useQuery({
    queryKey: AUDITS_KEY,
    queryFn: fetchAudits,
    refetchInterval: (query) =>
      query.state.data?.audits.some((audit) => audit.status === 'running') ? POLL_MS : false,
  });
}

export const isFinished = (audit: AuditJob): audit is FinishedAudit =>
  audit.status === 'done' && audit.report !== null && audit.finishedAt !== null;

export const latestFinished = (audits: readonly AuditJob[]): FinishedAudit | undefined =>
  audits.find(isFinished);

/** Starts an audit with the server's defaults (EASE, k 10, the stratified split); 409 while one runs. */
export function useStartAudit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ok(api.POST('/v1/analytics/audits', { body: {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: AUDITS_KEY }),
  });
}
