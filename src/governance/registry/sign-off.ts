import { readManifest } from '../../models/model-artifact.js';
import { GateStore, type Signoff } from './gate-store.js';
import type { RegistryDeps } from './registry-deps.js';
import { notFound, RegistryError } from './registry-error.js';

/** The person signing: an account (never an API key) and the roles it holds now. */
export interface Signer {
  accountId: string;
  roles: readonly string[];
  /** How the audit log names them. */
  actor: string;
  /** Where the sign-off came from, for the audit detail (`api`, `cli`). */
  via: string;
}

export interface SignoffRequest {
  modelId: string;
  role: string;
  comment?: string | null | undefined;
}

function conflictWith(existing: readonly Signoff[], role: string, accountId: string): RegistryError | null {
  const mine = existing.find((signoff) => signoff.accountId === accountId);
  if (mine) {
    return new RegistryError(
      'conflict',
      'already-signed',
      mine.role === role
        ? `you signed this gate report off already, as ${role}`
        : `you signed this gate report off already, as ${mine.role}: each required role needs a different person`,
      'role',
    );
  }
  const taken = existing.find((signoff) => signoff.role === role);
  if (taken) {
    return new RegistryError(
      'conflict',
      'already-signed',
      `this gate report has its ${role} sign-off already (account ${taken.accountId})`,
      'role',
    );
  }
  return null;
}

/**
 * Signs off a version's latest gate report in one role the policy requires: only a report that passed
 * under the policy in force, only in a role the signer holds, one role per person and one person per
 * role (the table's unique indexes hold that even when two sign-offs race). Audited `models.signoff`.
 */
export async function signOff(deps: RegistryDeps, request: SignoffRequest, signer: Signer): Promise<Signoff> {
  const { policy } = deps;
  if (!readManifest(deps.dataDir, request.modelId)) throw notFound('model', 'id');
  const required: readonly string[] = policy.policy.promotion.signoffRoles;
  if (!required.includes(request.role)) {
    throw new RegistryError(
      'invalid',
      'role-not-required',
      `the policy asks for sign-off by ${required.join(' and ') || 'no role'}, not by ${request.role}`,
      'role',
    );
  }
  if (!signer.roles.includes(request.role)) {
    throw new RegistryError(
      'forbidden',
      'role-not-held',
      `you do not hold the ${request.role} role, so you cannot sign off in it`,
      'role',
    );
  }
  const gates = new GateStore(deps.store.db);
  const gate = await gates.latestOf(request.modelId);
  if (!gate) {
    throw new RegistryError(
      'conflict',
      'gate-required',
      'this version has no gate report: run the gate first',
      'id',
    );
  }
  if (gate.policyVersion !== policy.version) {
    throw new RegistryError(
      'conflict',
      'gate-outdated',
      `the latest gate report was made under ${gate.policyVersion}, the policy is now ${policy.version}: re-run the gate`,
      'id',
    );
  }
  if (!gate.passed) {
    throw new RegistryError(
      'conflict',
      'gate-failed',
      `the latest gate report failed, so there is nothing to sign off: ${gate.failures.join('; ')}`,
      'id',
      gate.failures,
    );
  }
  const existing = await gates.signoffsOf(gate.id);
  const conflict = conflictWith(existing, request.role, signer.accountId);
  if (conflict) throw conflict;
  let signoff: Signoff;
  try {
    signoff = await gates.addSignoff({
      gateId: gate.id,
      modelId: request.modelId,
      role: request.role,
      accountId: signer.accountId,
      comment: request.comment ?? null,
      at: deps.clock().toISOString(),
    });
  } catch (error) {
    // A sign-off that raced this one in took the role (or this person signed twice at once).
    const raced = conflictWith(await gates.signoffsOf(gate.id), request.role, signer.accountId);
    if (raced) throw raced;
    throw error;
  }
  await deps.audit.append({
    actor: signer.actor,
    action: 'models.signoff',
    target: request.modelId,
    outcome: 'success',
    detail: { gateId: gate.id, role: request.role, via: signer.via },
  });
  return signoff;
}
