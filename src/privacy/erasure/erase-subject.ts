import type { AuditSink } from '../../governance/audit/audit-entry.js';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import type { Pseudonymizer } from '../pseudonymizer.js';
import type { ErasureCertificate } from './erasure-certificate.js';
import { ERASED_TABLES, eraseRows, type ErasureTarget } from './erase-rows.js';
import { applyUnlearning, planUnlearning } from './unlearn-models.js';

export class UnknownSubjectError extends Error {
  constructor() {
    super('no such subject (give the viewer’s Candor id or the external id it was imported with)');
    this.name = 'UnknownSubjectError';
  }
}

export interface ErasureDeps {
  store: Store;
  dataDir: string;
  pseudonymizer: Pseudonymizer;
  audit: AuditSink;
  clock?: Clock;
  /**
   * Drops what this process holds about the subject outside the store (exposure ledger, credential
   * cache, serving model); returns the names of the caches cleared, for the certificate.
   */
  clearCaches?: (subjectId: string) => string[] | Promise<string[]>;
  /** Called once the unlearned models are written and aliased: the server swaps its serving model. */
  reloadModels?: () => void;
}

export interface ErasureOptions {
  /** Who asked: `account:<id>` for the viewer themselves, `cli:<user>` for an operator. */
  actor: string;
  /** Retrain each unlearned model without the subject and compare (seconds per model). */
  verify?: boolean;
}

/** Finds the subject by Candor id or by the external id it was imported with. */
export async function resolveSubject(store: Store, reference: string): Promise<ErasureTarget | undefined> {
  const row = await store.db
    .selectFrom('subjects')
    .select(['id', 'key'])
    .where((eb) => eb.or([eb('id', '=', reference), eb('external_id', '=', reference)]))
    .executeTakeFirst();
  return row ? { id: row.id, key: Number(row.key) } : undefined;
}

/**
 * The right to be forgotten (GDPR Art. 17), end to end: every row about the subject and their data key
 * (crypto-shredding), this process's caches, the database's own files (WAL, free pages, dead tuples)
 * and the subject's influence on every model version, then a certificate without personal data in the
 * audit log. Order matters: what the models saw is read first, the rows are deleted in one transaction,
 * and only then are models unlearned and verified against the store without the subject.
 */
export async function eraseSubject(
  deps: ErasureDeps,
  reference: string,
  options: ErasureOptions,
): Promise<ErasureCertificate> {
  const { store } = deps;
  const clock = deps.clock ?? systemClock;
  const target = await resolveSubject(store, reference);
  if (!target) throw new UnknownSubjectError();
  const pseudonym = deps.pseudonymizer.of(target.id);
  const plan = await planUnlearning(store, deps.dataDir, target.id);

  const { rows, dataKeyShredded } = await eraseRows(store, target, pseudonym);
  store.keyring.evict(target.id);
  const cachesCleared = ['keyring', ...((await deps.clearCaches?.(target.id)) ?? [])];
  await store.dialect.scrubAfterErasure(store.db, ERASED_TABLES);

  const id = newId();
  const at = clock().toISOString();
  const models = await applyUnlearning(store, deps.dataDir, deps.pseudonymizer, plan, {
    verify: options.verify ?? true,
    certificateId: id,
    at,
  });
  if (deps.reloadModels) {
    deps.reloadModels();
    cachesCleared.push('serving model');
  }
  const certificate: ErasureCertificate = {
    id,
    at,
    requestedBy: options.actor,
    rows,
    dataKeyShredded,
    cachesCleared,
    storage:
      store.dialect.name === 'sqlite'
        ? 'sqlite: secure_delete zeroed the freed pages; the WAL was checkpointed and truncated'
        : 'postgresql: the erased tables were vacuumed',
    models,
    retiredArtifacts: plan.retire,
  };
  await store.db
    .insertInto('erasure_certificates')
    .values({ id, at, certificate: JSON.stringify(certificate) })
    .execute();
  await deps.audit.append({
    actor: options.actor,
    action: 'subject.erase',
    subject: null,
    target: id,
    outcome: 'success',
    detail: {
      rows: Object.values(rows).reduce((sum, n) => sum + n, 0),
      dataKeyShredded,
      models: models.map(({ before, after, exact, verification }) => ({
        before,
        after,
        exact,
        maxAbsScoreDifference: verification?.maxAbsScoreDifference ?? null,
      })),
    },
  });
  return certificate;
}
