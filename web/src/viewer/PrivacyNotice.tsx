import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';

/**
 * What is kept, why, and for how long, as the server generates it from the policy in force (its
 * retention limits) and the consent purposes: the page adds layout, never its own claims.
 */
export function PrivacyNotice() {
  const notice = useQuery({
    queryKey: ['privacy-notice'],
    queryFn: () => ok(api.GET('/v1/transparency/privacy-notice')),
    staleTime: 5 * 60_000,
  });
  const titleOf = (purpose: string) => notice.data?.purposes.find((p) => p.id === purpose)?.title ?? purpose;
  return (
    <section aria-labelledby="notice-title">
      <h2 id="notice-title">What we keep, why, and for how long</h2>
      {notice.isPending ? <Loading label="Loading" /> : null}
      {notice.isError ? <Problem error={notice.error} /> : null}
      {notice.data ? (
        <div className="table-scroll">
          <table className="notice-table" data-testid="privacy-notice">
            <caption className="visually-hidden">The data we keep about you</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">What exactly</th>
                <th scope="col">Why</th>
                <th scope="col">How long</th>
              </tr>
            </thead>
            <tbody>
              {notice.data.categories.map((category) => (
                <tr key={category.id}>
                  <th scope="row">{category.name}</th>
                  <td>{category.what}</td>
                  <td>
                    {category.why}
                    {category.purposes.length > 0 ? (
                      <span className="muted small block">
                        Depends on your choice: {category.purposes.map(titleOf).join(', ')}.
                      </span>
                    ) : null}
                  </td>
                  <td>{category.retention.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
