import type { Kysely } from 'kysely';
import type { VersionedPolicy } from '../../config/serving-policy.js';
import { newId } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';

export interface PolicyActivation {
  id: string;
  version: string;
  actor: string;
  note: string | null;
  activatedAt: string;
}

/** Every policy a deployment served under, in the order it took effect (append-only). */
export class PolicyHistory {
  constructor(private readonly db: Kysely<Database>) {}

  async record(
    policy: VersionedPolicy,
    entry: { actor: string; note?: string | null; at: Date },
    db: Kysely<Database> = this.db,
  ): Promise<PolicyActivation> {
    const row = {
      id: newId(),
      version: policy.version,
      document: JSON.stringify(policy.policy),
      actor: entry.actor,
      note: entry.note ?? null,
      activated_at: entry.at.toISOString(),
    };
    await db.insertInto('policy_history').values(row).execute();
    return {
      id: row.id,
      version: row.version,
      actor: row.actor,
      note: row.note,
      activatedAt: row.activated_at,
    };
  }

  async latest(): Promise<PolicyActivation | undefined> {
    return (await this.list(1))[0];
  }

  /** Newest first. */
  async list(limit = 50): Promise<PolicyActivation[]> {
    const rows = await this.db
      .selectFrom('policy_history')
      .select(['id', 'version', 'actor', 'note', 'activated_at'])
      .orderBy('activated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      actor: row.actor,
      note: row.note,
      activatedAt: row.activated_at,
    }));
  }

  /** The document of a version as it was activated (canonical JSON, defaults filled in). */
  async document(version: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('policy_history')
      .select('document')
      .where('version', '=', version)
      .orderBy('activated_at', 'desc')
      .executeTakeFirst();
    return row ? (JSON.parse(row.document) as unknown) : undefined;
  }
}
