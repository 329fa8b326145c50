import type { ReactNode } from 'react';
import { useId } from 'react';
import { ItemCard } from './ItemCard';
import type { Served, ServedItem } from './useRecommendations';

/** A titled row of cards from one served list (one decision record). */
export function RecommendationRow({
  title,
  description,
  served,
  items,
  testId,
}: {
  title: string;
  description?: ReactNode;
  served: Served;
  items: readonly ServedItem[];
  testId: string;
}) {
  const headingId = useId();
  return (
    <section className="row" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{title}</h2>
      {description ? <p className="muted">{description}</p> : null}
      {items.length === 0 ? (
        <p>Nothing to show here right now.</p>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <ItemCard key={item.itemId} item={item} served={served} />
          ))}
        </ul>
      )}
    </section>
  );
}
