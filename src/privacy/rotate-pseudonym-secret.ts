import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Store } from '../store/open-store.js';
import type { Database } from '../store/schema.js';
import { Pseudonymizer } from './pseudonymizer.js';

export const PSEUDONYM_SECRET_NAME = 'pseudonym';
export const PSEUDONYM_SECRET_VARIABLE = 'CANDOR_PSEUDONYM_SECRET';

export interface PseudonymRotation {
  /** Decision records moved to the new pseudonyms, and the distinct viewers they belong to. */
  decisionRecords: number;
  subjects: number;
  /** Records whose pseudonym matches no stored subject (already erased): left as they were. */
  orphanedRecords: number;
}

export class PseudonymRotationError extends Error {
  override readonly name = 'PseudonymRotationError';
}

/**
 * Replaces the secret behind pseudonyms. Pseudonyms are stored in one place, the decision records (models
 * keep item statistics only, and the audit log tags subjects under their own data keys), so rotating
 * rewrites those in one transaction, then swaps the secret file before committing: a failure before the
 * commit leaves the old secret and the old pseudonyms together.
 *
 * Run it with the service stopped: a running server keeps the old secret in memory and would record new
 * lists under the old pseudonyms.
 */
export async function rotatePseudonymSecret(
  store: Pick<Store, 'db' | 'dialect'>,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PseudonymRotation> {
  if (env[PSEUDONYM_SECRET_VARIABLE]) {
    throw new PseudonymRotationError(
      `the pseudonym secret comes from ${PSEUDONYM_SECRET_VARIABLE}, which Candor does not manage; ` +
        'unset it to let Candor keep the secret in its data folder, or rotate it in your secret store',
    );
  }
  const dir = join(dataDir, 'secrets');
  const file = join(dir, `${PSEUDONYM_SECRET_NAME}.key`);
  if (!existsSync(file))
    throw new PseudonymRotationError(`no pseudonym secret at ${file}: nothing has been pseudonymized yet`);
  const oldPseudonyms = new Pseudonymizer(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  const secret = randomBytes(32);
  const newPseudonyms = new Pseudonymizer(secret);
  const next = join(dir, `${PSEUDONYM_SECRET_NAME}.next.key`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(next, secret.toString('base64'), { mode: 0o600 });

  try {
    return await store.db.transaction().execute(async (trx) => {
      await store.dialect.lockForWrite(trx as Kysely<Database>);
      const subjects = await trx.selectFrom('subjects').select('id').execute();
      const idOf = new Map(subjects.map(({ id }) => [oldPseudonyms.of(id), id]));
      const recorded = await trx
        .selectFrom('decision_records')
        .select((eb) => ['subject', eb.fn.countAll().as('n')])
        .groupBy('subject')
        .execute();
      const rotation: PseudonymRotation = { decisionRecords: 0, subjects: 0, orphanedRecords: 0 };
      for (const { subject, n } of recorded) {
        const id = idOf.get(subject);
        if (id === undefined) {
          rotation.orphanedRecords += Number(n);
          continue;
        }
        await trx
          .updateTable('decision_records')
          .set({ subject: newPseudonyms.of(id) })
          .where('subject', '=', subject)
          .execute();
        rotation.decisionRecords += Number(n);
        rotation.subjects += 1;
      }
      renameSync(next, file);
      return rotation;
    });
  } finally {
    rmSync(next, { force: true });
  }
}
