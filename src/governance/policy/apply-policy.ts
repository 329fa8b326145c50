import { renameSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from 'yaml';
import { PolicyError, parseServingPolicy, type VersionedPolicy } from '../../config/serving-policy.js';
import type { Clock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import type { AuditSink } from '../audit/audit-entry.js';
import type { LivePolicy } from './live-policy.js';
import type { PolicyHistory } from './policy-history.js';

export interface PolicyChange {
  /** The new policy: a value (JSON) or YAML text; validated in full before anything changes. */
  policy: { value: unknown } | { yaml: string };
  actor: string;
  note?: string | undefined;
  /** Optimistic concurrency: refuse when the serving version is no longer this one. */
  expectedVersion?: string | undefined;
}

export interface PolicyChangeResult {
  previous: string;
  version: string;
  /** False when the new document means the policy already serving (same version): nothing was done. */
  changed: boolean;
  activatedAt: string | null;
}

export class StalePolicyError extends Error {
  constructor(
    readonly expected: string,
    readonly current: string,
  ) {
    super(`the policy changed since you read it (now ${current}, you expected ${expected}); read it again`);
    this.name = 'StalePolicyError';
  }
}

/** The state a policy would serve under could not be built (e.g. a provider the config lacks). */
export class PolicyNotApplicableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyNotApplicableError';
  }
}

function parseChange(change: PolicyChange['policy']): VersionedPolicy {
  if ('value' in change) return parseServingPolicy(change.value, 'policy');
  let value: unknown;
  try {
    value = parseYaml(change.yaml);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new PolicyError('policy', [
      { path: '', message: `not valid YAML${where}: ${(error as Error).message}` },
    ]);
  }
  return parseServingPolicy(value, 'policy');
}

/**
 * Changes the serving policy: validates it, builds everything that depends on it, writes the policy file
 * (by rename, so a reader never sees half a file) inside the transaction that records the activation,
 * audits it, and only then swaps the process onto it. Any failure before the swap leaves the old policy
 * serving, in memory and on disk. Cluster siblings pick the file up by watching it.
 */
export async function applyPolicyChange<State extends { readonly policy: VersionedPolicy }>(
  deps: {
    live: LivePolicy<State>;
    db: Kysely<Database>;
    history: PolicyHistory;
    audit: AuditSink;
    clock: Clock;
    /** The file the deployment reads its policy from. */
    file: string;
  },
  change: PolicyChange,
): Promise<PolicyChangeResult> {
  const next = parseChange(change.policy);
  const previous = deps.live.version;
  if (change.expectedVersion !== undefined && change.expectedVersion !== previous) {
    throw new StalePolicyError(change.expectedVersion, previous);
  }
  if (next.version === previous) return { previous, version: previous, changed: false, activatedAt: null };

  let prepared: State;
  try {
    prepared = deps.live.prepare(next);
  } catch (error) {
    throw new PolicyNotApplicableError((error as Error).message);
  }
  const at = deps.clock();
  const text =
    'yaml' in change.policy
      ? change.policy.yaml
      : `# Written by the Candor API (${next.version}, ${at.toISOString()}, ${change.actor}).\n${stringifyYaml(change.policy.value)}`;
  await deps.db.transaction().execute(async (trx) => {
    await deps.history.record(next, { actor: change.actor, note: change.note ?? null, at }, trx);
    const staging = `${deps.file}.${process.pid}.tmp`;
    writeFileSync(staging, text.endsWith('\n') ? text : `${text}\n`);
    renameSync(staging, deps.file);
  });
  await deps.audit.append({
    actor: change.actor,
    action: 'policy.update',
    target: next.version,
    outcome: 'success',
    detail: { previous, version: next.version, ...(change.note ? { note: change.note } : {}) },
  });
  deps.live.commit(prepared);
  return { previous, version: next.version, changed: true, activatedAt: at.toISOString() };
}
