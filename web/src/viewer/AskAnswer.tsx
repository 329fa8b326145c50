import { Link } from 'react-router';
import type { ApiBody } from '../api/client';
import { askReasonLines } from './ask-reasons';
import { Poster } from './ItemCard';

type Answer = ApiBody<'/v1/ask', 'post'>;

/** The answer in words (built only from the titles it cites) and each title with its reasons. */
export function AskAnswer({ answer }: { answer: Answer }) {
  return (
    <section aria-labelledby="answer-title" className="answer">
      <h2 id="answer-title">Our answer</h2>
      <p data-testid="ask-answer">{answer.answer}</p>
      {answer.items.length === 0 ? (
        <p>No title on your list meets everything you asked for. Try asking for less.</p>
      ) : (
        <ul className="cards" data-testid="ask-items">
          {answer.items.map((item) => (
            <li key={item.itemId} className="card item-card" data-testid="ask-item">
              <Poster title={item.title} />
              <div className="item-card-body">
                <h3 className="item-title">
                  <Link to={`/items/${item.itemId}`}>{item.title}</Link>
                </h3>
                <ul className="reasons">
                  {askReasonLines(item.reasons).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
