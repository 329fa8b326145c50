import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import { count, shortId } from '../ui/format';
import { useChainVerification } from './useAuditLog';

/** Whether the audit log's hash chain holds: verified, or the first entry where it breaks. */
export function ChainStatus() {
  const verification = useChainVerification();
  if (verification.isPending) return <Loading label="Verifying the hash chain" />;
  if (verification.isError) return <Problem error={verification.error} title="Could not verify the chain" />;
  const { ok, entries, head, firstBroken } = verification.data;
  return (
    <p
      className={`chain-status ${ok ? 'status-ok' : 'status-bad'}`}
      data-testid="chain-status"
      role={ok ? undefined : 'alert'}
    >
      <span className={`badge ${ok ? 'badge-ok' : 'badge-bad'}`}>
        {ok ? '✓ Chain verified' : '✗ Chain broken'}
      </span>{' '}
      {ok
        ? `${count(entries)} entries; every hash links to the one before${head ? `, head #${head.seq} (${shortId(head.hash)}…)` : ''}.`
        : `Broken at entry #${firstBroken?.seq ?? '?'}: ${firstBroken?.reason ?? 'no reason given'}. Entries after it cannot be trusted.`}
    </p>
  );
}
