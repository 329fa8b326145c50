import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { InteractionKind } from '../../catalog/catalog-records.js';
import type { StoreDialect } from '../dialects/store-dialect.js';
import { type Clock, systemClock } from '../ids.js';
import type { Database, InteractionRow } from '../schema.js';
import { chunks, rowsPerStatement } from './chunk.js';

export interface NewInteraction {
  /** The client's (or the importer's derived) key; stored only as a hash. */
  idempotencyKey: string;
  subjectId: string;
  itemId: string;
  kind: InteractionKind;
  value: number | null;
  occurredAt: string;
}

/**
 * Hash of an idempotency key: fixed width for the unique index, and it does not repeat the external
 * ids a derived key is made of.
 */
export function hashIdempotencyKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** Interactions are append-only: there is no update, and deletion belongs to erasure and retention. */
export class InteractionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Appends events; an event whose idempotency key is already stored is skipped. Returns how many were
   * newly inserted. Atomicity across calls is the caller's transaction.
   */
  async append(events: readonly NewInteraction[], batchId: string | null = null): Promise<number> {
    const ingestedAt = this.clock().toISOString();
    let inserted = 0;
    for (const chunk of chunks(events, rowsPerStatement(this.dialect, 8))) {
      const result = await this.db
        .insertInto('interactions')
        .values(
          chunk.map((e) => ({
            idempotency_key: hashIdempotencyKey(e.idempotencyKey),
            subject_id: e.subjectId,
            item_id: e.itemId,
            kind: e.kind,
            value: e.value,
            occurred_at: e.occurredAt,
            batch_id: batchId,
            ingested_at: ingestedAt,
          })),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  }

  /** A subject's events, newest first. */
  async forSubject(subjectId: string, options: { limit?: number } = {}): Promise<InteractionRow[]> {
    return this.db
      .selectFrom('interactions')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('occurred_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(options.limit ?? 100)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every event in append order, page by page, for training snapshots. */
  async *scan(pageSize = 50_000): AsyncGenerator<InteractionRow[]> {
    let after = 0;
    for (;;) {
      const page = await this.db
        .selectFrom('interactions')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]?.seq ?? after;
    }
  }
}
