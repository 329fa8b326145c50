import { Link } from 'react-router';
import type { ApiBody } from '../api/client';
import { MaturityBadge, Poster } from './ItemCard';
import { durationWords, genreWords, kindWord, languageName } from './item-words';

type Item = ApiBody<'/v1/items/{id}'>;

/** What the catalog says about a title. */
export function ItemDetails({ item }: { item: Item }) {
  return (
    <article className="item-details" aria-labelledby="item-title">
      <Poster title={item.title} />
      <div>
        <h1 id="item-title">{item.title}</h1>
        <dl className="facts-list">
          <dt>Rating</dt>
          <dd>
            <MaturityBadge rating={item.maturityRating} />
          </dd>
          <dt>Kind</dt>
          <dd>
            {kindWord(item.kind)}
            {item.season !== null && item.episode !== null
              ? `, season ${item.season} episode ${item.episode}`
              : ''}
          </dd>
          {item.year ? (
            <>
              <dt>Year</dt>
              <dd>{item.year}</dd>
            </>
          ) : null}
          {item.durationMinutes ? (
            <>
              <dt>Length</dt>
              <dd>{durationWords(item.durationMinutes)}</dd>
            </>
          ) : null}
          {item.language ? (
            <>
              <dt>Language</dt>
              <dd>{languageName(item.language)}</dd>
            </>
          ) : null}
          {item.genres.length > 0 ? (
            <>
              <dt>Genres</dt>
              <dd>
                <ul className="inline-list">
                  {item.genres.map((genre) => (
                    <li key={genre}>
                      <Link to={`/search?genre=${encodeURIComponent(genre)}`}>{genreWords(genre)}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {item.creators.length > 0 ? (
            <>
              <dt>By</dt>
              <dd>
                <ul className="inline-list">
                  {item.creators.map((creator) => (
                    <li key={`${creator.id}-${creator.role}`}>
                      {creator.name} <span className="muted">({creator.role})</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
        {item.synopsis ? (
          <p className="synopsis">{item.synopsis}</p>
        ) : (
          <p className="muted">No synopsis is available for this title.</p>
        )}
        {item.parentId ? (
          <p>
            <Link to={`/items/${item.parentId}`}>Go to the series</Link>
          </p>
        ) : null}
      </div>
    </article>
  );
}
