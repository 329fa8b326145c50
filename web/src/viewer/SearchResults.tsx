import { useId } from 'react';
import { Link } from 'react-router';
import type { ApiBody } from '../api/client';
import { MaturityBadge, Poster } from './ItemCard';
import { kindWord } from './item-words';

type Found = ApiBody<'/v1/items'>['items'][number];

/** One page of search results, with the count announced when it changes. */
export function SearchResults({
  items,
  total,
  query,
  busy,
}: {
  items: readonly Found[];
  total: number;
  query: string;
  busy: boolean;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId}>Results</h2>
      <p role="status" className="muted">
        {total === 0
          ? query
            ? `No titles match “${query}”.`
            : 'No titles to show.'
          : `${total.toLocaleString()} ${total === 1 ? 'title' : 'titles'}${query ? ` for “${query}”` : ''}.`}
      </p>
      {items.length > 0 ? (
        <ul className="results" data-testid="search-results">
          {items.map((item) => (
            <li key={item.id} className="card result" data-testid="search-result">
              <Poster title={item.title} />
              <div>
                <h3 className="item-title">
                  <Link to={`/items/${item.id}`}>{item.title}</Link>
                </h3>
                <p className="facts">
                  <MaturityBadge rating={item.maturityRating} />
                  <span>{kindWord(item.kind)}</span>
                  {item.year ? <span>{item.year}</span> : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
