import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { AuditLogTable } from './AuditLogTable';
import { ChainStatus } from './ChainStatus';
import { DecisionLookup } from './DecisionLookup';

/** The audit log with its chain verification, and decision records by id (auditors). */
export function AuditLogPage() {
  return (
    <DashboardPage
      title="Audit log"
      lead="Every read or change of personal data and every control-plane action, in a hash chain: each entry's hash covers the one before, so a changed or deleted entry breaks the chain from there on."
    >
      <Permitted permission="audit:read" what="the audit log">
        <h2>Chain verification</h2>
        <ChainStatus />
        <h2>Entries</h2>
        <AuditLogTable />
        <h2>Decision record lookup</h2>
        <DecisionLookup />
      </Permitted>
    </DashboardPage>
  );
}
