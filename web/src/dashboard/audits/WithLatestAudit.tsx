import type { ReactNode } from 'react';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { AuditControls } from './AuditControls';
import { type AuditJob, type FinishedAudit, latestFinished, useAudits } from './useAudits';

/** The latest finished audit for a page that shows its figures, with the controls above them. */
export function WithLatestAudit({
  children,
}: {
  children: (audit: FinishedAudit, audits: readonly AuditJob[]) => ReactNode;
}) {
  return (
    <Permitted permission="analytics:read" what="the audit of the stored data">
      <LatestAudit>{children}</LatestAudit>
    </Permitted>
  );
}

function LatestAudit({
  children,
}: {
  children: (audit: FinishedAudit, audits: readonly AuditJob[]) => ReactNode;
}) {
  const audits = useAudits();
  return (
    <QueryView query={audits} what="the audits" permission="analytics:read">
      {({ audits: list }) => {
        const shown = latestFinished(list);
        return (
          <>
            <AuditControls audits={list} shown={shown} />
            {shown ? children(shown, list) : null}
          </>
        );
      }}
    </QueryView>
  );
}
