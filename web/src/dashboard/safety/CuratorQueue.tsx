import { useState } from 'react';
import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import { DataTable } from '../ui/DataTable';
import { DecisionButtons } from '../ui/DecisionButtons';
import { StatusFilter } from '../ui/StatusFilter';
import { dateTime } from '../ui/format';
import { type QueueEntry, type QueueStatus, useCuratorQueue, useQueueDecision } from './useSafety';

const STATUSES: readonly QueueStatus[] = ['pending', 'approved', 'rejected'];

const reasonsText = (entry: QueueEntry) =>
  entry.reasons
    .map(
      (r) =>
        `${r.kind}/${r.type}${r.severity !== undefined ? ` (severity ${r.severity})` : ''}: ${r.message}`,
    )
    .join('; ');

/** Content the outgoing inspection held back, for a curator to approve (back into feeds) or reject. */
export function CuratorQueue() {
  const [status, setStatus] = useState<QueueStatus>('pending');
  const queue = useCuratorQueue(status);
  const decide = useQueueDecision();
  return (
    <>
      <StatusFilter label="Show" value={status} statuses={STATUSES} onChange={setStatus} />
      <p role="status" className="muted">
        {decide.isSuccess ? `${decide.data.targetKind} ${decide.data.targetId} ${decide.data.status}.` : ''}
      </p>
      {decide.isError ? <Problem error={decide.error} title="The decision was not recorded" /> : null}
      {queue.isPending ? <Loading label="Loading the queue" /> : null}
      {queue.isError ? <Problem error={queue.error} title="Could not load the queue" /> : null}
      {queue.data && queue.data.entries.length === 0 ? (
        <p data-testid="queue-empty">{`Nothing ${status}.`}</p>
      ) : null}
      {queue.data && queue.data.entries.length > 0 ? (
        <DataTable<QueueEntry>
          caption={`Curator queue: ${status}`}
          testId="curator-queue"
          rows={queue.data.entries}
          rowKey={(entry) => entry.id}
          columns={[
            { header: 'Held', cell: (e) => dateTime(e.createdAt) },
            { header: 'Kind', cell: (e) => e.targetKind },
            { header: 'Target', cell: (e) => <code>{e.targetId}</code> },
            { header: 'What was found', cell: reasonsText },
            {
              header: status === 'pending' ? 'Decision' : 'Decided',
              cell: (e) =>
                e.status === 'pending' ? (
                  <DecisionButtons
                    pending={decide.isPending}
                    allow={{
                      label: 'Approve',
                      ariaLabel: `Approve ${e.targetKind} ${e.targetId}`,
                      onDecide: () => decide.mutate({ id: e.id, decision: 'approved' }),
                    }}
                    stop={{
                      label: 'Reject',
                      ariaLabel: `Reject ${e.targetKind} ${e.targetId}`,
                      onDecide: () => decide.mutate({ id: e.id, decision: 'rejected' }),
                    }}
                  />
                ) : (
                  `${e.status} by ${e.decidedBy ?? '?'} ${dateTime(e.decidedAt)}`
                ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
