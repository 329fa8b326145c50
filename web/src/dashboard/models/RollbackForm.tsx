import { type FormEvent, useId, useState } from 'react';
import { Problem } from '../../ui/Problem';
import { useAccess } from '../ui/access';
import { useRollback } from './useModels';

/** Returns production to the version that served before it (admins; a reason is required and audited). */
export function RollbackForm() {
  const { can } = useAccess();
  const rollback = useRollback();
  const [reason, setReason] = useState('');
  const reasonId = useId();
  if (!can('models:manage')) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) rollback.mutate(reason.trim());
  };
  return (
    <form className="action-group" onSubmit={submit} aria-label="Roll back production">
      <label htmlFor={reasonId}>Reason for rolling back production</label>
      <input
        id={reasonId}
        value={reason}
        required
        maxLength={1000}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" className="danger" disabled={rollback.isPending || !reason.trim()}>
        Roll back
      </button>
      <p role="status" className="muted">
        {rollback.isSuccess ? `Production is ${rollback.data.production} again.` : ''}
      </p>
      {rollback.isError ? <Problem error={rollback.error} title="Rollback refused" /> : null}
    </form>
  );
}
