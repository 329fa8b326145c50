import { Problem } from '../../ui/Problem';
import { useAccess } from '../ui/access';
import { dateTime } from '../ui/format';
import { type AuditJob, type FinishedAudit, useStartAudit } from './useAudits';

/**
 * Which audit the page shows, whether one is running, and the button that starts one. An audit fits
 * a model, so it runs only when someone asks for it.
 */
export function AuditControls({
  audits,
  shown,
}: {
  audits: readonly AuditJob[];
  shown: FinishedAudit | undefined;
}) {
  const { can } = useAccess();
  const start = useStartAudit();
  const running = audits.find((audit) => audit.status === 'running');
  const failed = audits[0]?.status === 'failed' ? audits[0] : undefined;
  return (
    <div className="audit-controls">
      <p data-testid="audit-shown">
        {shown
          ? `Showing the audit finished ${dateTime(shown.finishedAt)}: ${shown.report.algorithm}, ${shown.report.metric}, ${shown.report.split} split, ${shown.report.sizes.evaluatedViewers} viewers evaluated, ${shown.report.settings.resamples} bootstrap resamples.`
          : 'No audit has finished since the server started. Run one to see these figures.'}
      </p>
      <p role="status" className="audit-status">
        {running
          ? `An audit is running (started ${dateTime(running.startedAt)}); this page updates when it ends.`
          : ''}
      </p>
      {failed ? (
        <p
          className="problem"
          role="alert"
        >{`The last audit failed: ${failed.error ?? 'no reason given'}`}</p>
      ) : null}
      {start.isError ? <Problem error={start.error} title="The audit did not start" /> : null}
      {can('analytics:read') ? (
        <button
          type="button"
          className="primary"
          onClick={() => start.mutate()}
          disabled={running !== undefined || start.isPending}
        >
          {running ? 'Audit running…' : 'Run a new audit'}
        </button>
      ) : null}
    </div>
  );
}
