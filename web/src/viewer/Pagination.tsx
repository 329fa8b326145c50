import { Link, useSearchParams } from 'react-router';

/** Previous / next links that keep every other search parameter. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const to = (target: number) => {
    const next = new URLSearchParams(params);
    if (target <= 1) next.delete('page');
    else next.set('page', String(target));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label="Result pages">
      {page > 1 ? <Link to={to(page - 1)}>Previous page</Link> : <span aria-hidden="true" />}
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={to(page + 1)}>Next page</Link> : <span aria-hidden="true" />}
    </nav>
  );
}
