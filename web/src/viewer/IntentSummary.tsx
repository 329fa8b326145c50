import type { ApiBody } from '../api/client';
import { audienceWords, durationWords, genreWords, kindWord, languageName } from './item-words';

type Intent = ApiBody<'/v1/ask', 'post'>['intent'];

const SORT_WORDS: Record<Intent['sort'], string> = {
  relevance: 'best match for you first',
  newest: 'newest first',
  oldest: 'oldest first',
  shortest: 'shortest first',
};

/** The constraints the parser read, as label/value pairs; only those the request set. */
function constraints(intent: Intent): [string, string][] {
  const rows: [string, string][] = [];
  const list = (values: readonly string[], word: (value: string) => string) => values.map(word).join(', ');
  if (intent.genres.length > 0) rows.push(['Genres', list(intent.genres, genreWords)]);
  if (intent.excludedGenres.length > 0) rows.push(['Not', list(intent.excludedGenres, genreWords)]);
  if (intent.kinds.length > 0) rows.push(['Kind', list(intent.kinds, kindWord)]);
  if (intent.maxAudienceLevel !== null)
    rows.push([
      'Audience',
      intent.maxAudienceLevel === 0 ? 'all ages' : `up to ${audienceWords(intent.maxAudienceLevel)}`,
    ]);
  if (intent.minDurationMinutes !== null || intent.maxDurationMinutes !== null) {
    const min = intent.minDurationMinutes === null ? null : durationWords(intent.minDurationMinutes);
    const max = intent.maxDurationMinutes === null ? null : durationWords(intent.maxDurationMinutes);
    rows.push(['Length', min && max ? `${min} to ${max}` : max ? `at most ${max}` : `at least ${min}`]);
  }
  if (intent.yearFrom !== null || intent.yearTo !== null) {
    const { yearFrom: from, yearTo: to } = intent;
    rows.push([
      'Years',
      from !== null && to !== null ? `${from} to ${to}` : from !== null ? `${from} on` : `up to ${to}`,
    ]);
  }
  if (intent.languages.length > 0) rows.push(['Language', list(intent.languages, languageName)]);
  if (intent.similarToTitle) rows.push(['Like', intent.similarToTitle]);
  if (intent.sort !== 'relevance') rows.push(['Order', SORT_WORDS[intent.sort]]);
  if (intent.limit !== null) rows.push(['How many', String(intent.limit)]);
  return rows;
}

/** What the request was understood to ask for, and which words each part came from. */
export function IntentSummary({ intent }: { intent: Intent }) {
  const rows = constraints(intent);
  return (
    <section aria-labelledby="intent-title" className="card intent" data-testid="intent">
      <h2 id="intent-title">What we understood</h2>
      {rows.length === 0 ? (
        <p>Nothing specific to go on, so these are simply your top recommendations.</p>
      ) : (
        <dl className="facts-list">
          {rows.map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {intent.evidence.length > 0 ? (
        <>
          <h3>How we read your words</h3>
          <ul className="evidence">
            {intent.evidence.map((evidence) => (
              <li key={`${evidence.start}-${evidence.end}`}>
                <q>{evidence.phrase}</q>: {evidence.meaning}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {intent.unmatched.length > 0 ? (
        <p className="muted">
          Words we did not understand: {intent.unmatched.map((word) => `“${word}”`).join(', ')}.
        </p>
      ) : null}
    </section>
  );
}
