import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, ApiError, ok } from '../api/client';
import type { paths } from '../api/schema';
import { Problem } from '../ui/Problem';
import { reviewsKey } from './useReviews';

/** The route answers 201 Created, which ApiBody (200 only) does not cover. */
type Posted = paths['/v1/items/{id}/reviews']['post']['responses'][201]['content']['application/json'];

/**
 * Posting a review. The server inspects it first: personal data is removed before it is stored (the
 * viewer is told what was removed), harmful text or injected instructions are refused with the reason,
 * and a refused text stays in the box to be edited.
 */
export function ReviewForm({ itemId, title }: { itemId: string; title: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [rating, setRating] = useState('');
  const textId = useId();
  const ratingId = useId();
  const hintId = useId();
  const post = useMutation({
    mutationFn: (review: { text: string; rating?: number }) =>
      ok(api.POST('/v1/items/{id}/reviews', { params: { path: { id: itemId } }, body: review })),
    onSuccess: async () => {
      setText('');
      setRating('');
      await queryClient.invalidateQueries({ queryKey: reviewsKey(itemId) });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) return;
    post.mutate({ text: text.trim(), ...(rating ? { rating: Number(rating) } : {}) });
  }

  const refused = post.error instanceof ApiError && post.error.status === 422;
  return (
    <form className="card review-form" onSubmit={submit} aria-label={`Review ${title}`}>
      <label htmlFor={textId}>Your review</label>
      <p id={hintId} className="muted">
        Reviews are public. Personal data such as e-mail addresses or phone numbers is removed before it is
        stored.
      </p>
      <textarea
        id={textId}
        aria-describedby={hintId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        maxLength={2000}
        required
      />
      <label htmlFor={ratingId}>Your rating (optional)</label>
      <select id={ratingId} value={rating} onChange={(event) => setRating(event.target.value)}>
        <option value="">No rating</option>
        {[5, 4, 3, 2, 1].map((stars) => (
          <option key={stars} value={stars}>
            {stars} of 5 stars
          </option>
        ))}
      </select>
      <div>
        <button type="submit" className="primary" disabled={post.isPending}>
          {post.isPending ? 'Posting…' : 'Post review'}
        </button>
      </div>
      {post.isError ? (
        <Problem error={post.error} title={refused ? 'Your review was not posted' : 'Posting failed'} />
      ) : null}
      {post.isSuccess ? <PostedNotice posted={post.data} /> : null}
    </form>
  );
}

function PostedNotice({ posted }: { posted: Posted }) {
  const redacted = posted.reasons.filter((reason) => reason.action === 'redact');
  return (
    <div className="thanks-box" role="status">
      <p>Your review was posted.</p>
      {redacted.length > 0 ? (
        <>
          <p>Some of it was removed before it was stored: {redacted.map((r) => r.message).join(' ')}</p>
          <p>
            It reads: <q>{posted.text}</q>
          </p>
        </>
      ) : null}
    </div>
  );
}
