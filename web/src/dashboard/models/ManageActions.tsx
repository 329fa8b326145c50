import { useId, useState } from 'react';
import { Problem } from '../../ui/Problem';
import { useAccess } from '../ui/access';
import { type ModelDetails, usePromote, useRunGate } from './useModels';

/** Run the gate and promote: for roles with models:manage (the server enforces it again). */
export function ManageActions({ details }: { details: ModelDetails }) {
  const { can } = useAccess();
  const id = details.manifest.id as string;
  const gate = useRunGate(id);
  const promote = usePromote(id);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  if (!can('models:manage')) return null;
  const inProduction = details.aliases.includes('production');
  const blocked = details.promotion.enforced && !details.promotion.ready;
  return (
    <div className="action-group">
      <button type="button" onClick={() => gate.mutate()} disabled={gate.isPending}>
        {gate.isPending ? 'Running the gate…' : 'Run gate'}
      </button>
      <p role="status" className="muted">
        {gate.isPending
          ? 'The gate fits and audits this version and production; this takes as long as two trainings.'
          : ''}
      </p>
      {gate.isError ? <Problem error={gate.error} title="The gate did not run" /> : null}
      {!inProduction ? (
        <>
          <label htmlFor={reasonId}>Reason for promotion (optional)</label>
          <input
            id={reasonId}
            value={reason}
            maxLength={1000}
            onChange={(event) => setReason(event.target.value)}
          />
          <button
            type="button"
            className="primary"
            disabled={blocked || promote.isPending}
            onClick={() => promote.mutate(reason.trim() || undefined)}
          >
            Promote to production
          </button>
          {promote.isError ? <Problem error={promote.error} title="Promotion refused" /> : null}
        </>
      ) : null}
    </div>
  );
}
