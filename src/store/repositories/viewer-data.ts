import type { Kysely } from 'kysely';
import { INTERACTION_KINDS, type InteractionKind } from '../../catalog/catalog-records.js';
import type { StoreDialect } from '../dialects/store-dialect.js';
import { type Clock, systemClock } from '../ids.js';
import type { Database, FeedbackRow } from '../schema.js';
import { FeedbackRepository, type NewFeedback, openReasons } from './feedback-repository.js';
import { openAgeBand, openPersonal } from './subject-repository.js';
import type { SubjectKeyring } from '../../privacy/keyring/subject-keyring.js';
import { hashIdempotencyKey, InteractionRepository } from './interaction-repository.js';
import { IngestBatchRepository } from './ingest-batch-repository.js';

/** The subject a data-plane request may touch: its public id and compact key. */
export interface ScopedSubject {
  readonly subjectId: string;
  readonly subjectKey: number;
}

export interface ViewerEvent {
  /** The client's key for the event; a repeat with the same key is acknowledged and not stored twice. */
  idempotencyKey: string;
  itemId: string;
  kind: InteractionKind;
  value: number | null;
  occurredAt: string;
}

export interface HistoryEntry {
  itemId: string;
  title: string;
  kind: InteractionKind;
  value: number | null;
  occurredAt: string;
}

export class UnknownItemsError extends Error {
  constructor(readonly positions: number[]) {
    super(`unknown item at position ${positions.join(', ')}`);
    this.name = 'UnknownItemsError';
  }
}

/**
 * One viewer's data, and nobody else's: every query here carries the scope's subject, and no method
 * takes a subject as an argument. Data-plane routes reach viewer rows only through this class, so a
 * route cannot read another viewer's rows by passing the wrong id.
 */
export class ViewerData {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    readonly scope: ScopedSubject,
    private readonly clock: Clock = systemClock,
    private readonly keyring?: SubjectKeyring,
  ) {}

  async profile() {
    const subject = await this.db
      .selectFrom('subjects')
      .leftJoin('subject_personal', 'subject_personal.subject_id', 'subjects.id')
      .select([
        'subjects.id',
        'subjects.profile_kind',
        'subjects.age_band',
        'subjects.created_at',
        'subject_personal.display_name',
        'subject_personal.email',
        'subject_personal.gender',
        'subject_personal.occupation',
      ])
      .where('subjects.key', '=', this.scope.subjectKey)
      .executeTakeFirst();
    if (!subject) return undefined;
    const personal = await openPersonal(this.requireKeyring(), subject.id, subject);
    return {
      ...subject,
      age_band: await openAgeBand(this.requireKeyring(), subject.id, subject.age_band),
      display_name: personal.displayName,
      email: personal.email,
      gender: personal.gender,
      occupation: personal.occupation,
    };
  }

  /**
   * Events newest first. A page ends at a cursor (the last entry's time and sequence number), so events
   * sharing one time are never skipped; `before` alone pages by time.
   */
  async history(options: {
    limit: number;
    before?: { occurredAt: string; seq?: number | undefined } | undefined;
  }): Promise<(HistoryEntry & { seq: number })[]> {
    let query = this.db
      .selectFrom('interactions')
      .innerJoin('items', 'items.key', 'interactions.item_key')
      .select([
        'items.id as itemId',
        'items.title as title',
        'interactions.kind as kind',
        'interactions.value as value',
        'interactions.occurred_at as occurredAt',
        'interactions.seq as seq',
      ])
      .where('interactions.subject_key', '=', this.scope.subjectKey);
    const before = options.before;
    if (before?.seq !== undefined) {
      const seq = before.seq;
      query = query.where((eb) =>
        eb.or([
          eb('interactions.occurred_at', '<', before.occurredAt),
          eb.and([eb('interactions.occurred_at', '=', before.occurredAt), eb('interactions.seq', '<', seq)]),
        ]),
      );
    } else if (before) query = query.where('interactions.occurred_at', '<', before.occurredAt);
    const rows = await query
      .orderBy('interactions.occurred_at', 'desc')
      .orderBy('interactions.seq', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map((row) => ({
      ...row,
      seq: Number(row.seq),
      kind: (INTERACTION_KINDS as readonly string[]).includes(row.kind)
        ? (row.kind as InteractionKind)
        : 'view',
    }));
  }

  /** The viewer's feedback, newest first, with reasons decrypted. */
  async feedback(limit = 100): Promise<FeedbackRow[]> {
    const rows = await this.db
      .selectFrom('feedback')
      .selectAll()
      .where('subject_id', '=', this.scope.subjectId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return openReasons(this.requireKeyring(), rows);
  }

  private requireKeyring(): SubjectKeyring {
    if (!this.keyring) throw new Error('personal fields are encrypted: ViewerData needs the keyring');
    return this.keyring;
  }

  /**
   * Appends a batch all or nothing, in one transaction: an unknown item refuses the whole batch. Keys
   * are namespaced by the subject, so two viewers' clients cannot collide. Resolves after the commit.
   */
  async appendEvents(
    events: readonly ViewerEvent[],
  ): Promise<{ accepted: number; duplicates: number; batchId: string }> {
    const itemIds = [...new Set(events.map((e) => e.itemId))];
    return this.db.transaction().execute(async (trx) => {
      await this.dialect.lockForWrite(trx as Kysely<Database>);
      const rows = itemIds.length
        ? await trx.selectFrom('items').select(['id', 'key']).where('id', 'in', itemIds).execute()
        : [];
      const keys = new Map(rows.map((row) => [row.id, Number(row.key)]));
      const unknown = events.flatMap((e, index) => (keys.has(e.itemId) ? [] : [index]));
      if (unknown.length > 0) throw new UnknownItemsError(unknown);
      const batch = await new IngestBatchRepository(trx, this.clock).open('api');
      const inserted = await new InteractionRepository(trx, this.dialect).append(
        events.map((e) => ({
          idempotencyKey: `subject:${this.scope.subjectId}:${e.idempotencyKey}`,
          subjectKey: this.scope.subjectKey,
          itemKey: keys.get(e.itemId) as number,
          kind: e.kind,
          value: e.value,
          occurredAt: e.occurredAt,
        })),
        batch.key,
      );
      return { accepted: inserted, duplicates: events.length - inserted, batchId: batch.id };
    });
  }

  /** Whether an event with this client key is stored for the subject (for clients that retry). */
  async hasEvent(idempotencyKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('interactions')
      .select('seq')
      .where('idempotency_key', '=', hashIdempotencyKey(`subject:${this.scope.subjectId}:${idempotencyKey}`))
      .where('subject_key', '=', this.scope.subjectKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addFeedback(input: Omit<NewFeedback, 'subjectId'>): Promise<FeedbackRow> {
    const item = await this.db
      .selectFrom('items')
      .select('id')
      .where('id', '=', input.itemId)
      .executeTakeFirst();
    if (!item) throw new UnknownItemsError([0]);
    return new FeedbackRepository(this.db, this.clock, this.keyring).add({
      ...input,
      subjectId: this.scope.subjectId,
    });
  }
}
