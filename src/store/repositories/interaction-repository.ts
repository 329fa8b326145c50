import { hash } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { InteractionKind } from '../../catalog/catalog-records.js';
import type { StoreDialect } from '../dialects/store-dialect.js';
import type { Database, InteractionRow } from '../schema.js';
import { preparedQuery } from '../prepared-query.js';
import { rowsPerStatement } from './chunk.js';

export interface NewInteraction {
  /** The client's (or the importer's derived) key; stored only as a hash. */
  idempotencyKey: string;
  /** Internal keys of the subject and the item (see `keysByExternalId`). */
  subjectKey: number;
  itemKey: number;
  kind: InteractionKind;
  value: number | null;
  occurredAt: string;
}

/**
 * Hash of an idempotency key: fixed width for the unique index, and it does not repeat the external
 * ids a derived key is made of.
 */
export function hashIdempotencyKey(key: string): string {
  // 128 bits: collisions are out of reach, and a short key keeps the unique index small.
  return hash('sha256', key, 'base64url').slice(0, 22);
}

const APPEND_COLUMNS = [
  'idempotency_key',
  'subject_key',
  'item_key',
  'kind',
  'value',
  'occurred_at',
  'batch_key',
] as const;

export type ScannedInteraction = Pick<
  InteractionRow,
  'seq' | 'subject_key' | 'item_key' | 'kind' | 'value' | 'occurred_at'
>;

/** Appends a stream of event batches; `finish` must run before the transaction commits. */
export interface InteractionLoader {
  append(events: readonly NewInteraction[]): Promise<number>;
  finish(): Promise<void>;
}

/** A viewer's items, latest first: on every served list, so prepared once (see preparedQuery). */
function itemsOfSubjectQuery(db: Kysely<Database>) {
  return preparedQuery(db, ['subjectKey', 'limit'], (slot) =>
    db
      .selectFrom('interactions')
      .select((eb) => [
        'item_key',
        eb.fn.countAll<number>().as('events'),
        eb.fn.max('occurred_at').as('last_at'),
      ])
      .where('subject_key', '=', slot('subjectKey'))
      .groupBy('item_key')
      .orderBy('last_at', 'desc')
      .orderBy('item_key')
      .limit(slot('limit')),
  );
}

/** Interactions are append-only: there is no update, and deletion belongs to erasure and retention. */
export class InteractionRepository {
  private readonly appendSql = new Map<number, string>();
  private itemsOfSubjectQuery: ReturnType<typeof itemsOfSubjectQuery> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
  ) {}

  /**
   * Appends events; an event whose idempotency key is already stored is skipped. Returns how many were
   * newly inserted. Atomicity across calls is the caller's transaction.
   */
  append(events: readonly NewInteraction[], batchKey: number): Promise<number> {
    return this.insertRows(
      events,
      events.map((e) => hashIdempotencyKey(e.idempotencyKey)),
      batchKey,
      true,
    );
  }

  private async insertRows(
    events: readonly NewInteraction[],
    keyHashes: readonly string[],
    batchKey: number,
    skipKnownKeys: boolean,
  ): Promise<number> {
    let inserted = 0;
    // The hot path of ingestion: one fixed statement text per chunk size instead of a query tree per
    // call, which costs more than the insert itself at 100k events.
    const perStatement = rowsPerStatement(
      this.dialect,
      APPEND_COLUMNS.length,
      skipKnownKeys
        ? this.dialect.appendRowsPerStatement.skippingKnownKeys
        : this.dialect.appendRowsPerStatement.plain,
    );
    for (let start = 0; start < events.length; start += perStatement) {
      const chunk = events.slice(start, start + perStatement);
      const parameters: unknown[] = [];
      for (const [offset, e] of chunk.entries()) {
        parameters.push(
          keyHashes[start + offset],
          e.subjectKey,
          e.itemKey,
          e.kind,
          e.value,
          e.occurredAt,
          batchKey,
        );
      }
      const result = await this.db.executeQuery(
        CompiledQuery.raw(this.appendStatement(chunk.length, skipKnownKeys), parameters),
      );
      inserted += Number(result.numAffectedRows ?? 0n);
    }
    return inserted;
  }

  /**
   * A loader for many events inside the caller's transaction. Into an empty table it bulk-loads: the
   * table is locked, its secondary indexes are set aside and built once at the end (much faster than
   * updating them row by row), and duplicate keys are skipped in memory, which is exact because nothing
   * else is in the table. Otherwise it appends batch by batch.
   */
  async openLoader(batchKey: number): Promise<InteractionLoader> {
    const db = this.db;
    await this.dialect.lockForBulkLoad(db, 'interactions');
    const empty = (await this.db.selectFrom('interactions').select('seq').limit(1).execute()).length === 0;
    if (!empty) {
      return { append: (events) => this.append(events, batchKey), finish: async () => {} };
    }
    const indexes = await this.dialect.listIndexes(db, 'interactions');
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
    const seen = new Set<string>();
    return {
      append: (events) => {
        const fresh: NewInteraction[] = [];
        const hashes: string[] = [];
        for (const event of events) {
          const key = hashIdempotencyKey(event.idempotencyKey);
          if (seen.has(key)) continue;
          seen.add(key);
          fresh.push(event);
          hashes.push(key);
        }
        // No unique index while loading: the in-memory set is the idempotency check.
        return this.insertRows(fresh, hashes, batchKey, false);
      },
      finish: async () => {
        for (const index of indexes) await sql.raw(index.definition).execute(db);
      },
    };
  }

  /** A subject's events, newest first. */
  async forSubject(subjectId: string, options: { limit?: number } = {}): Promise<InteractionRow[]> {
    return this.db
      .selectFrom('interactions')
      .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
      .selectAll('interactions')
      .where('subjects.id', '=', subjectId)
      .orderBy('interactions.occurred_at', 'desc')
      .orderBy('interactions.seq', 'desc')
      .limit(options.limit ?? 100)
      .execute();
  }

  /**
   * A subject's distinct items with their event counts, most recently touched first: one query answered
   * from the (subject_key, occurred_at, item_key) index alone.
   */
  async itemsOfSubject(subjectKey: number, limit = 1000): Promise<{ itemKey: number; events: number }[]> {
    this.itemsOfSubjectQuery ??= itemsOfSubjectQuery(this.db);
    const rows = await this.itemsOfSubjectQuery({ subjectKey, limit });
    return rows.map((row) => ({ itemKey: Number(row.item_key), events: Number(row.events) }));
  }

  /** Distinct viewers per item over every event: the popularity counts of the non-profiling feed. */
  async viewersPerItem(): Promise<{ itemKey: number; viewers: number }[]> {
    const rows = await this.db
      .selectFrom('interactions')
      .select((eb) => ['item_key', eb.fn.count<number>('subject_key').distinct().as('viewers')])
      .groupBy('item_key')
      .execute();
    return rows.map((row) => ({ itemKey: Number(row.item_key), viewers: Number(row.viewers) }));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Every event in append order, page by page, for training snapshots: only what a model learns from
   * (no idempotency key, no batch).
   */
  async *scan(pageSize = 50_000): AsyncGenerator<ScannedInteraction[]> {
    let after = 0;
    for (;;) {
      const page = await this.db
        .selectFrom('interactions')
        .select(['seq', 'subject_key', 'item_key', 'kind', 'value', 'occurred_at'])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]?.seq ?? after;
    }
  }

  private appendStatement(rows: number, skipKnownKeys: boolean): string {
    const cacheKey = skipKnownKeys ? rows : -rows;
    let statement = this.appendSql.get(cacheKey);
    if (statement === undefined) {
      const width = APPEND_COLUMNS.length;
      const tuples: string[] = [];
      for (let row = 0; row < rows; row += 1) {
        const slots = APPEND_COLUMNS.map((_, column) => this.dialect.placeholder(row * width + column));
        tuples.push(`(${slots.join(', ')})`);
      }
      statement = `insert into interactions (${APPEND_COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
      if (skipKnownKeys) statement += ' on conflict (idempotency_key) do nothing';
      this.appendSql.set(cacheKey, statement);
    }
    return statement;
  }
}
