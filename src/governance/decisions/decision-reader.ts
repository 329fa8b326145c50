import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Store } from '../../store/open-store.js';
import type { Database, DecisionRecordsTable } from '../../store/schema.js';
import {
  DECISION_SURFACES,
  type DecisionRecord,
  decisionConsentSchema,
  decisionItemSchema,
  decisionStageSchema,
  REQUEST_STAGE,
} from './decision-record.js';

export interface DecisionPage {
  /** Records per page, 1 to 1000. */
  limit: number;
  /** The id of the last record of the previous page: the page holds the records older than it. */
  before?: string;
}

const MAX_LIMIT = 1000;

/** A page cursor that names no record the reader may page from. */
export class UnknownCursorError extends Error {
  constructor(id: string) {
    super(`no decision record '${id}' to page from`);
    this.name = 'UnknownCursorError';
  }
}

const storedColumns = {
  surface: z.enum(DECISION_SURFACES),
  consent: decisionConsentSchema,
  stages: z.array(decisionStageSchema),
  items: z.array(decisionItemSchema),
};

/** Decision records, newest first, with their JSON columns parsed and checked. */
export class DecisionReader {
  private readonly db: Kysely<Database>;

  constructor(store: Store) {
    this.db = store.db;
  }

  async get(id: string): Promise<DecisionRecord | undefined> {
    const row = await this.db
      .selectFrom('decision_records')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && decisionRecordOf(row);
  }

  /**
   * The records of one viewer (by pseudonym), ordered by creation time then id, newest first: the order
   * of the (subject, created_at) index.
   */
  async listForSubject(subject: string, page: DecisionPage): Promise<DecisionRecord[]> {
    const limit = checkedLimit(page.limit);
    let query = this.db
      .selectFrom('decision_records')
      .selectAll()
      .where('subject', '=', subject)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (page.before !== undefined) {
      // Only the viewer's own records can be a cursor: another viewer's id is as unknown as a made-up one.
      const cursor = await this.cursor(page.before, subject);
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(cursor.created_at, cursor.id)),
      );
    }
    return (await query.execute()).map(decisionRecordOf);
  }

  /**
   * All records, ordered by id, newest first: ids are UUIDv7, so this is creation order to the
   * millisecond, and it follows the primary key.
   */
  async list(page: DecisionPage): Promise<DecisionRecord[]> {
    const limit = checkedLimit(page.limit);
    let query = this.db.selectFrom('decision_records').selectAll().orderBy('id', 'desc').limit(limit);
    if (page.before !== undefined) query = query.where('id', '<', page.before);
    return (await query.execute()).map(decisionRecordOf);
  }

  private async cursor(id: string, subject: string): Promise<{ id: string; created_at: string }> {
    const row = await this.db
      .selectFrom('decision_records')
      .select(['id', 'created_at'])
      .where('id', '=', id)
      .where('subject', '=', subject)
      .executeTakeFirst();
    if (!row) throw new UnknownCursorError(id);
    return row;
  }
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new Error(`limit must be a whole number from 1 to ${MAX_LIMIT} (got ${limit})`);
  }
  return limit;
}

/** Parses a row; a column that does not hold what the recorder wrote is reported with the record's id. */
export function decisionRecordOf(row: Selectable<DecisionRecordsTable>): DecisionRecord {
  const column = <T>(name: string, schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new Error(`decision record '${row.id}' has a malformed ${name}: ${parsed.error.message}`);
    }
    return parsed.data;
  };
  const json = (name: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`decision record '${row.id}' has ${name} that is not JSON`);
    }
  };
  const stages = column('stages', storedColumns.stages, json('stages', row.stages));
  const request = stages[0]?.stage === REQUEST_STAGE ? stages.shift()?.changed : undefined;
  return {
    id: row.id,
    subject: row.subject,
    createdAt: row.created_at,
    surface: column('surface', storedColumns.surface, row.surface),
    modelId: row.model_id,
    policyVersion: row.policy_version,
    consent: column('consent', storedColumns.consent, json('consent', row.consent)),
    stages,
    items: column('items', storedColumns.items, json('items', row.items)),
    ...(request ? { request } : {}),
  };
}
