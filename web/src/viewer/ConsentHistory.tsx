import { Loading } from '../ui/Loading';
import { Problem } from '../ui/Problem';
import { methodWords } from './ConsentSwitch';
import { useConsentHistory, useConsents } from './useConsents';

/** Every grant and withdrawal, newest first, with the version of the wording that was shown. */
export function ConsentHistory() {
  const history = useConsentHistory();
  const consents = useConsents();
  const titleOf = (purpose: string) =>
    consents.data?.purposes.find((p) => p.id === purpose)?.title ?? purpose;
  return (
    <section aria-labelledby="consent-history-title">
      <h2 id="consent-history-title">History of your choices</h2>
      {history.isPending ? <Loading label="Loading the history" /> : null}
      {history.isError ? <Problem error={history.error} /> : null}
      {history.data ? (
        history.data.events.length === 0 ? (
          <p>You have not made any choice yet.</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="consent-history">
              <caption className="visually-hidden">Your consent choices, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Choice</th>
                  <th scope="col">How</th>
                  <th scope="col">Wording version</th>
                </tr>
              </thead>
              <tbody>
                {[...history.data.events].reverse().map((event, at) => (
                  <tr key={`${event.at}-${event.purpose}-${at}`}>
                    <td>
                      <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
                    </td>
                    <td>{titleOf(event.purpose)}</td>
                    <td>{event.granted ? 'Agreed' : 'Withdrawn'}</td>
                    <td>{methodWords(event.method)}</td>
                    <td>
                      <code>{event.textVersion}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </section>
  );
}
