import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ok } from '../api/client';
import { Problem } from '../ui/Problem';

type Feedback =
  | { kind: 'thumb'; value: 1 | -1 }
  | { kind: 'rating'; value: number }
  | { kind: 'not-interested'; reason?: string };

/**
 * Thumbs, stars and "not interested" on one card. Turning an item down takes it off the lists at once
 * (the server stops offering it), so the rows are fetched again; a thumbs up or a rating only thanks.
 */
export function FeedbackControls({
  itemId,
  title,
  decisionId,
}: {
  itemId: string;
  title: string;
  decisionId: string;
}) {
  const queryClient = useQueryClient();
  const [given, setGiven] = useState<Feedback | null>(null);
  const [asking, setAsking] = useState(false);
  const reasonId = useId();
  const send = useMutation({
    mutationFn: (feedback: Feedback) =>
      ok(api.POST('/v1/feedback', { body: { ...feedback, itemId, decisionId } as never })),
    onSuccess: async (_, feedback) => {
      setGiven(feedback);
      setAsking(false);
      if (feedback.kind === 'not-interested' || (feedback.kind === 'thumb' && feedback.value === -1)) {
        await queryClient.invalidateQueries({ queryKey: ['recommendations'] });
      }
    },
  });

  function notInterested(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    send.mutate({ kind: 'not-interested', ...(reason ? { reason } : {}) });
  }

  const rating = given?.kind === 'rating' ? given.value : 0;
  return (
    <div className="feedback">
      <div className="feedback-row" role="group" aria-label={`Feedback on ${title}`}>
        <button
          type="button"
          aria-label={`Thumbs up: ${title}`}
          aria-pressed={given?.kind === 'thumb' && given.value === 1}
          onClick={() => send.mutate({ kind: 'thumb', value: 1 })}
          disabled={send.isPending}
        >
          <Thumb up />
        </button>
        <button
          type="button"
          aria-label={`Thumbs down: ${title}`}
          aria-pressed={given?.kind === 'thumb' && given.value === -1}
          onClick={() => send.mutate({ kind: 'thumb', value: -1 })}
          disabled={send.isPending}
        >
          <Thumb up={false} />
        </button>
        <span className="stars" role="group" aria-label={`Rate ${title}`}>
          {[1, 2, 3, 4, 5].map((stars) => (
            <button
              key={stars}
              type="button"
              className={stars <= rating ? 'star on' : 'star'}
              aria-label={`${stars} star${stars > 1 ? 's' : ''}`}
              aria-pressed={stars === rating}
              onClick={() => send.mutate({ kind: 'rating', value: stars })}
              disabled={send.isPending}
            >
              <span aria-hidden="true">★</span>
            </button>
          ))}
        </span>
        <button
          type="button"
          className="link-button"
          onClick={() => setAsking(!asking)}
          aria-expanded={asking}
        >
          Not interested
        </button>
      </div>
      {asking ? (
        <form className="not-interested" onSubmit={notInterested}>
          <label htmlFor={reasonId}>Tell us why (optional)</label>
          <input id={reasonId} name="reason" maxLength={500} placeholder="e.g. seen it elsewhere" />
          <button type="submit" disabled={send.isPending}>
            Hide it
          </button>
        </form>
      ) : null}
      {send.isError ? <Problem error={send.error} /> : null}
      {given && !send.isError ? (
        <p className="thanks" role="status">
          {given.kind === 'thumb' && given.value === 1
            ? 'Thanks, noted.'
            : given.kind === 'rating'
              ? `Rated ${given.value} of 5.`
              : 'Hidden: we will not suggest it again.'}
        </p>
      ) : null}
    </div>
  );
}

/** A thumb drawn in SVG: emoji fonts are not on every machine (Debian's Chromium has none). */
function Thumb({ up }: { up: boolean }) {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      style={up ? undefined : { transform: 'rotate(180deg)' }}
    >
      <path
        fill="currentColor"
        d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"
      />
    </svg>
  );
}
