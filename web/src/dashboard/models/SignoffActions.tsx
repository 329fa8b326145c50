import { useId, useState } from 'react';
import { Problem } from '../../ui/Problem';
import { useAccess } from '../ui/access';
import { type ModelDetails, useSignOff } from './useModels';

type SignoffRole = Parameters<ReturnType<typeof useSignOff>['mutate']>[0]['role'];

const isSignoffRole = (role: string): role is SignoffRole => ['analyst', 'auditor', 'admin'].includes(role);

/**
 * "Sign off as <role>" for each role the gate report needs that this person holds and that has not
 * signed yet. The server checks the same and that one person signs in one role only.
 */
export function SignoffActions({ details }: { details: ModelDetails }) {
  const { can, roles } = useAccess();
  const signOff = useSignOff(details.manifest.id as string);
  const [comment, setComment] = useState('');
  const commentId = useId();
  const gate = details.gate;
  if (!can('models:signoff') || !gate) return null;
  const signed = new Set(details.signoffs.map((s) => s.role));
  const mine = gate.requiredSignoffs
    .filter((role) => roles.includes(role) && !signed.has(role))
    .filter(isSignoffRole);
  if (mine.length === 0) return null;
  const signable = gate.passed && gate.current;
  return (
    <div className="action-group">
      <label htmlFor={commentId}>Sign-off comment (optional)</label>
      <input
        id={commentId}
        value={comment}
        maxLength={1000}
        onChange={(event) => setComment(event.target.value)}
      />
      {mine.map((role) => (
        <button
          key={role}
          type="button"
          className="primary"
          disabled={!signable || signOff.isPending}
          onClick={() => signOff.mutate({ role, ...(comment.trim() ? { comment: comment.trim() } : {}) })}
        >
          {`Sign off as ${role}`}
        </button>
      ))}
      {!signable ? (
        <p className="muted">
          Only a gate report that passed under the policy in force can be signed: run the gate again.
        </p>
      ) : null}
      {signOff.isError ? <Problem error={signOff.error} title="Sign-off refused" /> : null}
    </div>
  );
}
