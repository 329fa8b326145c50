import { useId, useState } from 'react';
import { DashboardPage } from '../ui/DashboardPage';
import { Permitted } from '../ui/Restricted';
import { QueryView } from '../ui/QueryView';
import { StatTiles } from '../ui/StatTiles';
import { count } from '../ui/format';
import { CuratorQueue } from './CuratorQueue';
import { QuarantineQueue } from './QuarantineQueue';
import { SafetyDecisionsChart } from './SafetyDecisionsChart';
import { useBlocklists, useSafetyFigures } from './useSafety';

const PERIODS = [7, 30, 90, 365] as const;

/** What the safety gateway decided, the curator queue of held content and the quarantined profiles. */
export function SafetyPage() {
  return (
    <DashboardPage
      title="Safety"
      lead="Every text viewers type and every text Candor shows passes the safety gateway (harm, prompt attacks, personal data, blocklists). Content the outgoing inspection holds back waits for a curator."
    >
      <h2>Statistics</h2>
      <Permitted permission="monitoring:read" what="safety statistics">
        <SafetyStatistics />
      </Permitted>
      <h2>Curator queue</h2>
      <Permitted permission="safety:manage" what="the curator queue">
        <CuratorQueue />
        <Blocklists />
      </Permitted>
      <h2>Suspected fake profiles</h2>
      <p className="muted">
        Viewer profiles the shilling detector flagged are kept out of training until a curator releases them
        or confirms them as fake.
      </p>
      <Permitted permission="quarantine:read" what="the quarantined profiles">
        <QuarantineQueue />
      </Permitted>
    </DashboardPage>
  );
}

function SafetyStatistics() {
  const [days, setDays] = useState<number>(30);
  const periodId = useId();
  const figures = useSafetyFigures(days);
  return (
    <>
      <div className="control-row">
        <label htmlFor={periodId}>Period</label>
        <select id={periodId} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>{`Last ${p} days`}</option>
          ))}
        </select>
      </div>
      <QueryView query={figures} what="safety statistics" permission="monitoring:read">
        {(data) => (
          <>
            <StatTiles
              label="Curator queue"
              stats={[
                { label: 'Waiting for a curator', value: count(data.queue.pending) },
                { label: 'Approved', value: count(data.queue.approved) },
                { label: 'Rejected', value: count(data.queue.rejected) },
              ]}
            />
            <SafetyDecisionsChart figures={data} />
          </>
        )}
      </QueryView>
    </>
  );
}

function Blocklists() {
  const blocklists = useBlocklists();
  return (
    <QueryView query={blocklists} what="the blocklists" permission="safety:manage">
      {({ terms }) => {
        const lists = new Map<string, number>();
        for (const term of terms) lists.set(term.list, (lists.get(term.list) ?? 0) + 1);
        return (
          <p className="muted">
            {lists.size === 0
              ? 'No blocklist terms.'
              : `Blocklists: ${[...lists].map(([list, n]) => `${list} (${n} term${n === 1 ? '' : 's'})`).join(', ')}.`}
          </p>
        );
      }}
    </QueryView>
  );
}
