import { type FormEvent, useId, useState } from 'react';
import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import { DataTable } from '../ui/DataTable';
import { dateTime, decimal } from '../ui/format';
import { type DecisionRecord, useDecisionRecord } from './useAuditLog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds one decision record by id (every recommendation response carries its id). */
export function DecisionLookup() {
  const [draft, setDraft] = useState('');
  const [id, setId] = useState<string | undefined>(undefined);
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const record = useDecisionRecord(id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim();
    setInvalid(!UUID.test(value));
    if (UUID.test(value)) setId(value);
  };
  return (
    <>
      <form className="control-row" onSubmit={submit} role="search" aria-label="Find a decision record">
        <label htmlFor={inputId}>Decision record id</label>
        <input
          id={inputId}
          value={draft}
          size={40}
          aria-describedby={hintId}
          aria-invalid={invalid}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Find</button>
      </form>
      <p id={hintId} className="muted">
        {invalid
          ? 'That is not a record id: ids look like 01a2b3c4-…-… (a UUID).'
          : 'The id a recommendation response names in decisionId.'}
      </p>
      {id && record.isPending ? <Loading label="Looking up the decision record" /> : null}
      {record.isError ? <Problem error={record.error} title="No record" /> : null}
      {record.data ? <DecisionRecordView record={record.data} /> : null}
    </>
  );
}

type Item = DecisionRecord['items'][number];

function DecisionRecordView({ record }: { record: DecisionRecord }) {
  return (
    <div className="card decision-record" data-testid="decision-record">
      <dl className="facts">
        <dt>Record</dt>
        <dd>
          <code>{record.id}</code>
        </dd>
        <dt>Served</dt>
        <dd>{`${dateTime(record.createdAt)} on ${record.surface}`}</dd>
        <dt>Viewer (pseudonym)</dt>
        <dd>
          <code>{record.subject}</code>
        </dd>
        <dt>Model</dt>
        <dd>
          <code>{record.modelId}</code>
        </dd>
        <dt>Policy</dt>
        <dd>{record.policyVersion}</dd>
        <dt>Consent</dt>
        <dd>{`personalization ${record.consent.personalization ? 'granted' : 'not granted'} (${record.consent.source}, version ${record.consent.version})`}</dd>
        <dt>Stages</dt>
        <dd>{record.stages.map((stage) => stage.stage).join(' → ')}</dd>
      </dl>
      <DataTable<Item>
        caption="Items served, in order"
        rows={record.items}
        rowKey={(item) => item.itemId}
        columns={[
          { header: 'Rank', cell: (i) => i.rank, numeric: true },
          { header: 'Item', cell: (i) => <code>{i.itemId}</code> },
          { header: 'Score', cell: (i) => decimal(i.score), numeric: true },
          { header: 'Reasons', cell: (i) => i.reasons.join(', ') || '–' },
        ]}
      />
    </div>
  );
}
