import { useQuery } from '@tanstack/react-query';
import { api, type ApiBody, ok } from '../api/client';

export type ConsentState = ApiBody<'/v1/me/consents'>;

export const CONSENTS_KEY = ['consents'] as const;
export const CONSENT_HISTORY_KEY = ['consents', 'history'] as const;

/** The viewer's answer per purpose, in the wording (and its version) they are shown. */
export function useConsents() {
  return useQuery({
    queryKey: CONSENTS_KEY,
    queryFn: () => ok(api.GET('/v1/me/consents')),
  });
}

/** Every grant and withdrawal, oldest first (reading it is audited by the server). */
export function useConsentHistory() {
  return useQuery({
    queryKey: CONSENT_HISTORY_KEY,
    queryFn: () => ok(api.GET('/v1/me/consents/history')),
  });
}
