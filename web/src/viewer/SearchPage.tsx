import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, ok } from '../api/client';
import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { Pagination } from './Pagination';
import { QueryInspectionNotice } from './QueryInspectionNotice';
import { SearchResults } from './SearchResults';
import { retryUnlessAnswered } from './retry';
import { useDocumentTitle } from './useDocumentTitle';
import './viewer.css';

const PAGE_SIZE = 20;

/** `?q=&genre=&page=`: everything that decides the results lives in the address, so it can be shared. */
function useSearchRequest() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  const genre = params.get('genre')?.trim() ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  return { query, genre, page, params, setParams };
}

/** Catalog search: the query is inspected by the safety gateway, and what it changed is shown. */
export function SearchPage() {
  const { query, genre, page, params, setParams } = useSearchRequest();
  const inputId = useId();
  // Not the query itself: the tab title lands in the browser's history, and a query may hold personal data.
  useDocumentTitle('Search');
  const results = useQuery({
    queryKey: ['items', { query, genre, page }],
    queryFn: () =>
      ok(
        api.GET('/v1/items', {
          params: {
            query: {
              ...(query ? { query } : {}),
              ...(genre ? { genre } : {}),
              page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    // Paging keeps the previous page on screen until the next one arrives.
    placeholderData: keepPreviousData,
    retry: retryUnlessAnswered,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    const next = new URLSearchParams();
    if (typed) next.set('q', typed);
    if (genre) next.set('genre', genre);
    setParams(next);
  }

  const withoutGenre = new URLSearchParams(params);
  withoutGenre.delete('genre');
  withoutGenre.delete('page');
  const blocked =
    results.error instanceof ApiError && results.error.type?.endsWith('blocked-by-safety-policy');

  return (
    <div className="page search-page">
      <h1>Search</h1>
      <form role="search" className="search-form" onSubmit={submit} aria-label="Search the catalog">
        <label htmlFor={inputId}>Title, creator or words from the synopsis</label>
        <div className="search-row">
          {/* Keyed by the query so that going back in history shows the query of that page. */}
          <input id={inputId} key={query} type="search" name="q" defaultValue={query} maxLength={200} />
          <button type="submit" className="primary">
            Search
          </button>
        </div>
      </form>
      {genre ? (
        <p className="filter">
          Genre: <strong>{genre}</strong>{' '}
          <Link to={`/search?${withoutGenre.toString()}`}>Show every genre</Link>
        </p>
      ) : null}
      {results.isPending ? <Loading label="Searching" /> : null}
      {results.isError ? (
        <Problem error={results.error} title={blocked ? 'This search was blocked' : 'Search failed'} />
      ) : null}
      {results.data ? (
        <>
          {results.data.queryInspection ? (
            <QueryInspectionNotice inspection={results.data.queryInspection} />
          ) : null}
          <SearchResults
            items={results.data.items}
            total={results.data.total}
            query={results.data.queryInspection?.searchedFor ?? query}
            busy={results.isFetching}
          />
          <Pagination page={results.data.page} pageSize={results.data.pageSize} total={results.data.total} />
        </>
      ) : null}
    </div>
  );
}
