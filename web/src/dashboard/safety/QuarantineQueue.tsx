import { useState } from 'react';
import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import { useAccess } from '../ui/access';
import { DataTable } from '../ui/DataTable';
import { DecisionButtons } from '../ui/DecisionButtons';
import { StatusFilter } from '../ui/StatusFilter';
import { dateTime } from '../ui/format';
import {
  type QuarantineEntry,
  type QuarantineStatus,
  useQuarantine,
  useQuarantineDecision,
} from './useSafety';

const STATUSES: readonly QuarantineStatus[] = ['quarantined', 'released', 'confirmed'];

/** The features that voted for the quarantine, strongest first: "rdma 4.2σ, degsim 3.6σ". */
const votingFeatures = (entry: QuarantineEntry): string => {
  const voting = Object.entries(entry.evidence.features)
    .filter(([, feature]) => feature.votes && feature.z !== null)
    .sort(([, a], [, b]) => Math.abs(b.z as number) - Math.abs(a.z as number));
  if (voting.length === 0) return 'no feature voted';
  return voting.map(([name, feature]) => `${name} ${(feature.z as number).toFixed(1)}σ`).join(', ');
};

/**
 * Viewer profiles the shilling detector kept out of training, for a curator to release (back into the
 * next training) or confirm as fake (out for good). Viewers are named by pseudonym only; the evidence
 * is the detector's own: which features stood out, by how many robust deviations.
 */
export function QuarantineQueue() {
  const [status, setStatus] = useState<QuarantineStatus>('quarantined');
  const queue = useQuarantine(status);
  const decide = useQuarantineDecision();
  const canDecide = useAccess().can('quarantine:manage');
  return (
    <>
      <StatusFilter label="Show profiles" value={status} statuses={STATUSES} onChange={setStatus} />
      <p role="status" className="muted">
        {decide.isSuccess ? `Profile ${decide.data.subject} ${decide.data.status}.` : ''}
      </p>
      {decide.isError ? <Problem error={decide.error} title="The decision was not recorded" /> : null}
      {queue.isPending ? <Loading label="Loading the quarantined profiles" /> : null}
      {queue.isError ? <Problem error={queue.error} title="Could not load the quarantined profiles" /> : null}
      {queue.data && queue.data.entries.length === 0 ? (
        <p data-testid="quarantine-empty">{`No ${status} profiles.`}</p>
      ) : null}
      {queue.data && queue.data.entries.length > 0 ? (
        <DataTable<QuarantineEntry>
          caption={`Suspected fake profiles: ${status}`}
          testId="quarantine-queue"
          rows={queue.data.entries}
          rowKey={(entry) => entry.id}
          columns={[
            { header: 'Flagged', cell: (e) => dateTime(e.createdAt) },
            { header: 'Viewer (pseudonym)', cell: (e) => <code>{e.subject}</code> },
            { header: 'Score', cell: (e) => e.score.toFixed(2) },
            {
              header: 'Evidence',
              cell: (e) =>
                `${votingFeatures(e)} (threshold ${e.evidence.threshold}σ on ${Math.round(e.evidence.quorum * 100)}% of features)`,
            },
            {
              header: decisionHeading(status, canDecide),
              cell: (e) =>
                e.status === 'quarantined' ? (
                  canDecide ? (
                    <DecisionButtons
                      pending={decide.isPending}
                      allow={{
                        label: 'Release',
                        ariaLabel: `Release profile ${e.subject}`,
                        onDecide: () => decide.mutate({ id: e.id, decision: 'release' }),
                      }}
                      stop={{
                        label: 'Confirm fake',
                        ariaLabel: `Confirm fake: profile ${e.subject}`,
                        onDecide: () => decide.mutate({ id: e.id, decision: 'confirm' }),
                      }}
                    />
                  ) : (
                    'waiting for a curator'
                  )
                ) : (
                  `${e.status} by ${e.reviewedBy ?? '?'} ${dateTime(e.reviewedAt)}`
                ),
            },
          ]}
        />
      ) : null}
    </>
  );
}

function decisionHeading(status: QuarantineStatus, canDecide: boolean): string {
  if (status !== 'quarantined') return 'Reviewed';
  return canDecide ? 'Decision' : 'State';
}
