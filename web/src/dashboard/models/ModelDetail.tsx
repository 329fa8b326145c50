import { useId } from 'react';
import { QueryView } from '../ui/QueryView';
import { dateTime, shortId } from '../ui/format';
import { GateReportView } from './GateReportView';
import { ManageActions } from './ManageActions';
import { ModelCardView } from './ModelCardView';
import { SignoffActions } from './SignoffActions';
import { type ModelDetails, useGateReports, useModelDetails } from './useModels';

/** One version: lineage, its latest gate report, sign-offs, whether it may be promoted, and its card. */
export function ModelDetail({ id }: { id: string }) {
  const details = useModelDetails(id);
  const headingId = useId();
  return (
    <section className="model-detail card" aria-labelledby={headingId} data-testid="model-detail">
      <h2 id={headingId}>{`Version ${shortId(id)}`}</h2>
      <QueryView query={details} what="this model version" permission="models:read">
        {(data) => <DetailBody details={data} />}
      </QueryView>
    </section>
  );
}

function DetailBody({ details }: { details: ModelDetails }) {
  const id = details.manifest.id as string;
  return (
    <>
      <p>
        {`${String(details.manifest.algorithm)} trained ${dateTime(details.manifest.createdAt as string)}`}
        {details.aliases.length > 0 ? `; serving as ${details.aliases.join(' and ')}` : '; no alias'}
        {details.retired ? '; retired (its weights were deleted after an erasure)' : ''}.
      </p>
      <h3>Lineage</h3>
      {details.ancestors.length > 0 ? (
        <ol className="lineage" aria-label="Ancestors, parent first">
          {details.ancestors.map((ancestor) => (
            <li key={ancestor.id}>
              <code title={ancestor.id}>{shortId(ancestor.id)}</code>
              {` ${ancestor.algorithm}, ${dateTime(ancestor.createdAt)}${ancestor.retired ? ' (retired)' : ''}`}
            </li>
          ))}
        </ol>
      ) : (
        <p>No parent: trained from scratch.</p>
      )}
      <h3>Gate report</h3>
      <LatestGate id={id} />
      <h3>Sign-offs</h3>
      <Signoffs details={details} />
      <h3>Promotion</h3>
      <Promotion details={details} />
      <SignoffActions details={details} />
      <ManageActions details={details} />
      <ModelCardView id={id} />
    </>
  );
}

function LatestGate({ id }: { id: string }) {
  const gates = useGateReports(id);
  return (
    <QueryView query={gates} what="the gate reports" permission="models:read">
      {({ gates: [latest] }) =>
        latest ? (
          <GateReportView report={latest} />
        ) : (
          <p>No gate report yet: the gate has not been run on this version.</p>
        )
      }
    </QueryView>
  );
}

function Signoffs({ details }: { details: ModelDetails }) {
  const required = details.gate?.requiredSignoffs ?? [];
  return (
    <ul className="signoffs" data-testid="signoffs">
      {required.length === 0 ? <li>No gate report, so no sign-off is asked for yet.</li> : null}
      {required.map((role) => {
        const signoff = details.signoffs.find((s) => s.role === role);
        return (
          <li key={role}>
            <strong>{role}</strong>
            {signoff
              ? `: signed ${dateTime(signoff.at)}${signoff.comment ? ` (“${signoff.comment}”)` : ''}`
              : ': not signed yet'}
          </li>
        );
      })}
    </ul>
  );
}

function Promotion({ details }: { details: ModelDetails }) {
  const { promotion } = details;
  return (
    <div data-testid="promotion-status">
      <p>
        {promotion.ready
          ? 'Ready to promote: the gate passed under the policy in force and every sign-off is in.'
          : promotion.enforced
            ? 'Not ready to promote:'
            : 'The policy does not enforce the gate: an admin may promote directly.'}
      </p>
      {!promotion.ready && promotion.blockers.length > 0 ? (
        <ul>
          {promotion.blockers.map((blocker) => (
            <li key={blocker}>{blocker}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
