import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { ReviewForm } from './ReviewForm';
import { useReviews } from './useReviews';

/** Viewers' reviews of a title, newest first, and the form to add one. */
export function ItemReviews({ itemId, title }: { itemId: string; title: string }) {
  const reviews = useReviews(itemId);
  return (
    <section className="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      <ReviewForm itemId={itemId} title={title} />
      {reviews.isPending ? <Loading label="Loading reviews" /> : null}
      {reviews.isError ? <Problem error={reviews.error} title="Reviews are unavailable" /> : null}
      {reviews.data ? (
        <>
          {reviews.data.reviews.length === 0 ? <p>No reviews yet.</p> : null}
          <ul className="review-list" data-testid="reviews">
            {reviews.data.reviews.map((review) => (
              <li key={review.id} className="card review">
                <p className="review-meta">
                  {review.rating !== null ? <Stars rating={review.rating} /> : null}
                  <span className="muted">
                    {review.mine ? 'Your review, ' : ''}
                    <time dateTime={review.createdAt}>{new Date(review.createdAt).toLocaleDateString()}</time>
                  </span>
                </p>
                <p className="review-text">{review.text}</p>
              </li>
            ))}
          </ul>
          {reviews.data.held > 0 ? (
            <p className="muted">
              {reviews.data.held === 1 ? 'One review is' : `${reviews.data.held} reviews are`} held back for a
              moderator to check.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Stars({ rating }: { rating: number }) {
  return (
    <span className="review-stars">
      <span aria-hidden="true">{'★'.repeat(rating) + '☆'.repeat(5 - rating)}</span>
      <span className="visually-hidden">{rating} of 5 stars</span>
    </span>
  );
}
