import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, ok } from '../api/client';
import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { ConsentSwitch } from './ConsentSwitch';
import { CONSENT_HISTORY_KEY, CONSENTS_KEY, type ConsentState, useConsents } from './useConsents';

interface Change {
  purpose: string;
  granted: boolean;
  textVersion: string;
}

/**
 * One switch per purpose: one click grants or withdraws, exactly as easy either way. The wording's
 * version goes back with the change, so a change of wording since the page loaded is refused (409) and
 * the new wording shown instead of being agreed to unseen.
 */
export function ConsentToggles() {
  const queryClient = useQueryClient();
  const consents = useConsents();
  const change = useMutation({
    mutationFn: ({ purpose, granted, textVersion }: Change) =>
      ok(
        api.PUT('/v1/me/consents', {
          body: { consents: { [purpose]: granted }, textVersion, method: 'web' },
        }),
      ),
    onSuccess: async (state) => {
      queryClient.setQueryData<ConsentState>(CONSENTS_KEY, {
        textVersion: state.textVersion,
        purposes: state.purposes,
      });
      // Consent decides which feed is served: lists already fetched were built under the old answer.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: CONSENT_HISTORY_KEY }),
        queryClient.invalidateQueries({ queryKey: ['recommendations'] }),
      ]);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: CONSENTS_KEY });
    },
  });

  const titleOf = (purpose: string) =>
    consents.data?.purposes.find((p) => p.id === purpose)?.title ?? purpose;
  const last = change.variables;
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">Your choices</h2>
      <p className="muted">Each switch takes effect at once. You can change your mind at any time.</p>
      {consents.isPending ? <Loading label="Loading your choices" /> : null}
      {consents.isError ? <Problem error={consents.error} /> : null}
      {consents.data ? (
        <ul className="consents" data-testid="consents">
          {consents.data.purposes.map((purpose) => (
            <ConsentSwitch
              key={purpose.id}
              purpose={purpose}
              onChange={(granted) =>
                change.mutate({ purpose: purpose.id, granted, textVersion: consents.data.textVersion })
              }
            />
          ))}
        </ul>
      ) : null}
      <p role="status" className="thanks">
        {change.isSuccess && last
          ? `Saved: ${last.granted ? 'you agreed to' : 'you withdrew'} “${titleOf(last.purpose)}”.`
          : ''}
      </p>
      {change.isError ? (
        <Problem
          error={change.error}
          title={
            change.error instanceof ApiError && change.error.status === 409
              ? 'The wording changed: please read it again'
              : 'Your choice was not saved'
          }
        />
      ) : null}
    </section>
  );
}
