import type { Kysely } from 'kysely';
import { ConsentRepository } from '../../privacy/consent/consent-repository.js';
import { type Clock, systemClock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import type { DriftReport } from './drift-report.js';
import { alertCountsByKind, listDriftReports } from './monitoring-reads.js';

/** The figures /metrics reads from the database: the same for every process that serves the store. */
export interface ScrapeFigures {
  /** Subjects, and per purpose those whose latest consent event for it is a grant. */
  subjects: number;
  granted: Map<string, number>;
  alertsByKind: Map<string, number>;
  latestDrift: DriftReport | undefined;
}

async function readFigures(db: Kysely<Database>): Promise<ScrapeFigures> {
  const subjects = await db
    .selectFrom('subjects')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return {
    subjects: Number(subjects.n),
    granted: await new ConsentRepository(db).grantedCountsByPurpose(),
    alertsByKind: await alertCountsByKind(db),
    latestDrift: (await listDriftReports(db, 1))[0],
  };
}

/**
 * The figures, read at most once per `ttlMs`: a scrape every few seconds from several Prometheus
 * servers costs one set of queries, and concurrent scrapes share the read in flight.
 */
export function cachedScrapeFigures(
  db: Kysely<Database>,
  options: { ttlMs?: number; clock?: Clock } = {},
): () => Promise<ScrapeFigures> {
  const ttlMs = options.ttlMs ?? 10_000;
  const clock = options.clock ?? systemClock;
  let cached: { at: number; figures: Promise<ScrapeFigures> } | undefined;
  return () => {
    const now = clock().getTime();
    if (!cached || now - cached.at >= ttlMs) {
      const figures = readFigures(db);
      const entry = { at: now, figures };
      cached = entry;
      // A failed read is not cached: the next scrape tries again.
      figures.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.figures;
  };
}
