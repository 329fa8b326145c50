import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

export const CONSENT_METHODS = ['api', 'web', 'cli', 'import', 'demo', 'migration'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** One grant or withdrawal as the ledger holds it. */
export interface ConsentEvent {
  seq: number;
  purpose: string;
  granted: boolean;
  at: string;
  textVersion: string;
  method: string;
  actor: string;
}

export interface ConsentChange {
  purpose: string;
  granted: boolean;
}

export interface ConsentEventMeta {
  at: string;
  textVersion: string;
  method: ConsentMethod;
  actor: string;
}

const toEvent = (row: {
  seq: number;
  purpose: string;
  granted: number;
  at: string;
  text_version: string;
  method: string;
  actor: string;
}): ConsentEvent => ({
  seq: Number(row.seq),
  purpose: row.purpose,
  granted: row.granted === 1,
  at: row.at,
  textVersion: row.text_version,
  method: row.method,
  actor: row.actor,
});

/**
 * The consent ledger: an append-only list of grants and withdrawals per subject and purpose. The current
 * state of a purpose is its latest event; no event means not granted (consent is never presumed).
 */
export class ConsentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every event of a subject, oldest first. */
  async history(subjectId: string, db: Kysely<Database> = this.db): Promise<ConsentEvent[]> {
    const rows = await db
      .selectFrom('consent_events')
      .select(['seq', 'purpose', 'granted', 'at', 'text_version', 'method', 'actor'])
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  /** The latest event per purpose. */
  async current(subjectId: string, db: Kysely<Database> = this.db): Promise<Map<string, ConsentEvent>> {
    const latest = new Map<string, ConsentEvent>();
    for (const event of await this.history(subjectId, db)) latest.set(event.purpose, event);
    return latest;
  }

  /**
   * Appends the changes that differ from the current state (asking again for what is already in force
   * records nothing) and returns the events written. Callers run it in their transaction.
   */
  async record(
    subjectId: string,
    changes: readonly ConsentChange[],
    meta: ConsentEventMeta,
    db: Kysely<Database> = this.db,
  ): Promise<ConsentEvent[]> {
    const current = await this.current(subjectId, db);
    const written: ConsentEvent[] = [];
    for (const change of changes) {
      // An explicit refusal with nothing recorded before is kept: it is the viewer's decision.
      if (current.get(change.purpose)?.granted === change.granted) continue;
      const row = await db
        .insertInto('consent_events')
        .values({
          subject_id: subjectId,
          purpose: change.purpose,
          granted: Number(change.granted),
          at: meta.at,
          text_version: meta.textVersion,
          method: meta.method,
          actor: meta.actor,
        })
        .returning('seq')
        .executeTakeFirstOrThrow();
      const event: ConsentEvent = { seq: Number(row.seq), ...change, ...meta };
      current.set(change.purpose, event);
      written.push(event);
    }
    return written;
  }

  /** Grants for many subjects at once (imports), one event per subject and purpose, in chunks. */
  async grantMany(
    grants: readonly { subjectId: string; purpose: string; granted: boolean }[],
    meta: ConsentEventMeta,
    chunkSize = 500,
  ): Promise<number> {
    for (let at = 0; at < grants.length; at += chunkSize) {
      await this.db
        .insertInto('consent_events')
        .values(
          grants.slice(at, at + chunkSize).map((grant) => ({
            subject_id: grant.subjectId,
            purpose: grant.purpose,
            granted: Number(grant.granted),
            at: meta.at,
            text_version: meta.textVersion,
            method: meta.method,
            actor: meta.actor,
          })),
        )
        .execute();
    }
    return grants.length;
  }

  /** The ledger's latest sequence number (0 when empty): a consent snapshot is "as of" one. */
  async latestSeq(db: Kysely<Database> = this.db): Promise<number> {
    const row = await db
      .selectFrom('consent_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /**
   * How many subjects' latest event for each purpose is a grant (no event: not granted), in one
   * aggregate query: the consent rates /metrics and the scorecard report.
   */
  async grantedCountsByPurpose(db: Kysely<Database> = this.db): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('consent_events as c')
      .select((eb) => ['c.purpose', eb.fn.countAll().as('n')])
      .where('c.granted', '=', 1)
      .where((eb) =>
        eb(
          'c.seq',
          '=',
          eb
            .selectFrom('consent_events as d')
            .select((inner) => inner.fn.max('d.seq').as('latest'))
            .whereRef('d.subject_id', '=', 'c.subject_id')
            .whereRef('d.purpose', '=', 'c.purpose'),
        ),
      )
      .groupBy('c.purpose')
      .execute();
    return new Map(rows.map((row) => [row.purpose, Number(row.n)]));
  }

  /** Subjects whose latest event for the purpose, among events up to `asOfSeq`, is a grant. */
  async grantedSubjects(
    purpose: string,
    asOfSeq = Number.MAX_SAFE_INTEGER,
    db: Kysely<Database> = this.db,
  ): Promise<Set<string>> {
    const rows = await db
      .selectFrom('consent_events')
      .select(['subject_id', 'granted'])
      .where('purpose', '=', purpose)
      .where('seq', '<=', asOfSeq)
      .orderBy('seq')
      .execute();
    const granted = new Set<string>();
    for (const row of rows) {
      if (row.granted === 1) granted.add(row.subject_id);
      else granted.delete(row.subject_id);
    }
    return granted;
  }

  /** A subject's latest answer for one purpose, among events up to `asOfSeq`; undefined when none. */
  async latest(
    subjectId: string,
    purpose: string,
    asOfSeq = Number.MAX_SAFE_INTEGER,
  ): Promise<{ seq: number; granted: boolean } | undefined> {
    const row = await this.db
      .selectFrom('consent_events')
      .select(['seq', 'granted'])
      .where('subject_id', '=', subjectId)
      .where('purpose', '=', purpose)
      .where('seq', '<=', asOfSeq)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { seq: Number(row.seq), granted: row.granted === 1 };
  }

  /** Whether one subject had granted the purpose as of a ledger position. */
  async grantedAsOf(subjectId: string, purpose: string, asOfSeq: number): Promise<boolean> {
    return (await this.latest(subjectId, purpose, asOfSeq))?.granted === true;
  }
}
