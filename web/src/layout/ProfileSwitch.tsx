import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, ok } from '../api/client';
import { SESSION_KEY } from '../auth/session';
import { Problem } from '../ui/Problem';

const KIND_LABEL: Record<string, string> = { adult: 'Adult', teen: 'Teen', kids: 'Kids' };

/**
 * The household's profiles (adult, teen, kids). Switching starts a new session for the profile; going to
 * a profile allowed more mature titles asks for the account password, as the server requires.
 */
export function ProfileSwitch() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const profiles = useQuery({
    queryKey: ['profiles'],
    queryFn: () => ok(api.GET('/v1/auth/profiles')),
    staleTime: 60_000,
  });
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const list = profiles.data?.profiles ?? [];
  if (list.length < 2) return null;
  const current = list.find((p) => p.current);

  async function switchTo(subjectId: string, password?: string) {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/v1/auth/profile', { body: { subjectId, ...(password ? { password } : {}) } }));
      setAsking(null);
      // Everything cached belonged to the other profile; the session is read again (its new subject).
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      navigate('/', { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.type?.endsWith('/password-required')) {
        if (password !== undefined) setError(failure);
        setAsking(subjectId);
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  }

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (asking) void switchTo(asking, String(new FormData(event.currentTarget).get('password') ?? ''));
  }

  return (
    <>
      <div className="profile-switch">
        <label htmlFor="profile-switch">Profile</label>
        <select
          id="profile-switch"
          value={current?.subjectId ?? ''}
          disabled={busy}
          onChange={(event) => void switchTo(event.target.value)}
        >
          {list.map((profile) => (
            <option key={profile.subjectId} value={profile.subjectId}>
              {KIND_LABEL[profile.profileKind] ?? profile.profileKind}
              {profile.own ? ' (account holder)' : ''}
            </option>
          ))}
        </select>
      </div>
      {error && !asking ? <Problem error={error} /> : null}
      <Dialog.Root
        open={asking !== null}
        onOpenChange={(open) => {
          if (!open) {
            setAsking(null);
            setError(null);
          }
        }}
      >
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog">
            <Dialog.Title>Enter the account password</Dialog.Title>
            <Dialog.Description>
              This profile may see more mature titles than the one you are on.
            </Dialog.Description>
            <form onSubmit={submitPassword} className="dialog-form">
              <label htmlFor="profile-password">Password</label>
              <input
                id="profile-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
              {error ? <Problem error={error} /> : null}
              <div className="dialog-actions">
                <Dialog.Close asChild>
                  <button type="button">Cancel</button>
                </Dialog.Close>
                <button type="submit" className="primary" disabled={busy}>
                  Switch profile
                </button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
