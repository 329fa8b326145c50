import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId } from 'react';
import { api, ApiError, ok } from '../api/client';
import { Problem } from '../ui/Problem';
import { AskAnswer } from './AskAnswer';
import { IntentSummary } from './IntentSummary';
import { useDocumentTitle } from './useDocumentTitle';
import './viewer.css';

/**
 * "Ask": a request in words. The server inspects it (prompt attacks and harmful text are refused with
 * the reason), reads it with transparent rules, and answers from the viewer's own recommendations; the
 * page shows what was understood before what was found, so a misreading is visible.
 */
export function AskPage() {
  const textId = useId();
  const hintId = useId();
  useDocumentTitle('Ask');
  const ask = useMutation({
    mutationFn: (text: string) => ok(api.POST('/v1/ask', { body: { text } })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('text') ?? '').trim();
    if (text) ask.mutate(text);
  }

  const blocked = ask.error instanceof ApiError && ask.error.type?.endsWith('blocked-by-safety-policy');
  return (
    <div className="page ask-page">
      <h1>Ask for something to watch</h1>
      <form className="ask-form" onSubmit={submit}>
        <label htmlFor={textId}>What would you like to watch?</label>
        <p id={hintId} className="muted">
          For example: “a funny short comedy from the 90s”, “3 documentaries in French, nothing scary”, or
          name a title you liked: “like …, but newer”.
        </p>
        <textarea id={textId} name="text" aria-describedby={hintId} rows={3} maxLength={500} required />
        <div>
          <button type="submit" className="primary" disabled={ask.isPending}>
            Ask
          </button>
        </div>
      </form>
      <p role="status" className="muted">
        {ask.isPending ? 'Looking for titles…' : ''}
      </p>
      {ask.isError ? (
        <Problem error={ask.error} title={blocked ? 'Your request was not answered' : 'Asking failed'} />
      ) : null}
      {ask.data ? (
        <>
          {ask.data.inspection.action === 'redact' ? (
            <p className="notice">
              Your request was changed before it was read:{' '}
              {[...new Set(ask.data.inspection.reasons)].join(' ')}
            </p>
          ) : null}
          <IntentSummary intent={ask.data.intent} />
          <AskAnswer answer={ask.data} />
        </>
      ) : null}
    </div>
  );
}
