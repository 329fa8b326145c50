import { type FormEvent, useId, useState } from 'react';
import { Problem } from '../../ui/Problem';
import { useAccess } from '../ui/access';
import { useRunDrift } from './useDrift';

/** "Run drift check now", for roles with monitoring:manage. */
export function RunDriftForm() {
  const { can } = useAccess();
  const run = useRunDrift();
  const [days, setDays] = useState('');
  const daysId = useId();
  if (!can('monitoring:manage')) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate(days ? Number(days) : undefined);
  };
  return (
    <form className="control-row" onSubmit={submit} aria-label="Run a drift check">
      <label htmlFor={daysId}>Window in days (blank: the policy's)</label>
      <input
        id={daysId}
        type="number"
        min={1}
        max={365}
        value={days}
        onChange={(event) => setDays(event.target.value)}
      />
      <button type="submit" className="primary" disabled={run.isPending}>
        Run drift check now
      </button>
      <span role="status" className="muted">
        {run.isPending
          ? 'Comparing recent traffic with the baseline…'
          : run.isSuccess
            ? `Done: ${run.data.alerts.length} alert(s) raised.`
            : ''}
      </span>
      {run.isError ? <Problem error={run.error} title="The drift check failed" /> : null}
    </form>
  );
}
