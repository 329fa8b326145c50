import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertDialog } from 'radix-ui';
import { type FormEvent, useId, useState } from 'react';
import { api, ok } from '../api/client';
import { SESSION_KEY } from '../auth/session';
import { leaveSignInNotice } from '../auth/sign-in-notice';
import { Problem } from '../ui/Problem';

const CONFIRMATION = 'DELETE';

/**
 * Deleting the account: behind a confirmation dialog where the viewer types a word, since it cannot be
 * undone. Once the server has erased everything, nothing of the account stays in the app's memory and
 * the sign-in page says what happened, with the erasure certificate's id.
 */
export function DeleteAccount() {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const erase = useMutation({
    mutationFn: () => ok(api.DELETE('/v1/me', { params: { query: { confirm: 'true' } } })),
    onSuccess: (certificate) => {
      leaveSignInNotice(
        `Your account was deleted, with everything we held about you. Erasure certificate: ${certificate.id}.`,
      );
      // The session ends first (the app shows the sign-in page), then nothing of the account stays cached.
      queryClient.setQueryData(SESSION_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    },
  });
  const confirmed = typed.trim().toUpperCase() === CONFIRMATION;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirmed) erase.mutate();
  }

  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <p>
        Deletes your account and everything we hold about you, removes what you taught the recommendation
        models, and signs you out. It cannot be undone.
      </p>
      <AlertDialog.Root
        onOpenChange={(open) => {
          if (!open) {
            setTyped('');
            erase.reset();
          }
        }}
      >
        <AlertDialog.Trigger asChild>
          <button type="button" className="danger">
            Delete my account…
          </button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog">
            <AlertDialog.Title>Delete your account?</AlertDialog.Title>
            <AlertDialog.Description>
              Your profile, viewing history, feedback, reviews, choices and the lists you were shown are
              erased, and you will not be able to sign in again. Download your data first if you want a copy.
            </AlertDialog.Description>
            <form onSubmit={submit}>
              <label htmlFor={inputId}>To confirm, type {CONFIRMATION}</label>
              <input
                id={inputId}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
              {erase.isError ? <Problem error={erase.error} title="Your account was not deleted" /> : null}
              <div className="dialog-actions">
                <AlertDialog.Cancel asChild>
                  <button type="button">Keep my account</button>
                </AlertDialog.Cancel>
                <button type="submit" className="danger" disabled={!confirmed || erase.isPending}>
                  {erase.isPending ? 'Deleting…' : 'Delete my account'}
                </button>
              </div>
            </form>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </section>
  );
}
