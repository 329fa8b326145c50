import { messageOf } from '../api/client';

/** An error said plainly, announced to screen readers. */
export function Problem({ error, title }: { error: unknown; title?: string }) {
  return (
    <div className="problem" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {messageOf(error)}
    </div>
  );
}
