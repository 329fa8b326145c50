import type { Kysely } from 'kysely';
import { type Clock, newId, systemClock } from '../ids.js';
import type { Database } from '../schema.js';

export interface IngestBatch {
  key: number;
  id: string;
  createdAt: string;
}

/**
 * Ingestion batches: every event belongs to the batch it arrived in, which records where it came from
 * and when, once for all its events.
 */
export class IngestBatchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async open(source: string, files: readonly string[] = []): Promise<IngestBatch> {
    const id = newId();
    const createdAt = this.clock().toISOString();
    const row = await this.db
      .insertInto('ingest_batches')
      .values({ id, source, files: JSON.stringify(files), report: null, created_at: createdAt })
      .returning('key')
      .executeTakeFirstOrThrow();
    return { key: Number(row.key), id, createdAt };
  }

  async recordReport(key: number, report: unknown): Promise<void> {
    await this.db
      .updateTable('ingest_batches')
      .set({ report: JSON.stringify(report) })
      .where('key', '=', key)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('ingest_batches')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
