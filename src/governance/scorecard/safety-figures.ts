import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';
import type { ScorecardData } from './scorecard-data.js';

const PAGE = 5_000;

/** What the safety gateway writes in a `safety.decision` audit entry that the scorecard counts. */
const decisionDetailSchema = z.looseObject({ surface: z.string(), action: z.string() });

/**
 * Safety figures since a time: the gateway's decisions from the audit log (one `safety.decision` entry
 * per inspected text, holding its surface and action, never the text), counted by surface and action,
 * and the curator queue's items and reviews by status (all time: the queue is the current state).
 */
export async function safetyFigures(db: Kysely<Database>, since: string): Promise<ScorecardData['safety']> {
  const counts = new Map<string, { surface: string; action: string; count: number }>();
  let after = 0;
  for (;;) {
    // Keyset pages by sequence number: the log can be long, and only two fields of each entry are read.
    const page = await db
      .selectFrom('audit_log')
      .select(['seq', 'detail'])
      .where('action', '=', 'safety.decision')
      .where('at', '>=', since)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      let detail: unknown;
      try {
        detail = JSON.parse(row.detail);
      } catch {
        continue;
      }
      const parsed = decisionDetailSchema.safeParse(detail);
      if (!parsed.success) continue;
      const key = `${parsed.data.surface}\u0000${parsed.data.action}`;
      const entry = counts.get(key) ?? { surface: parsed.data.surface, action: parsed.data.action, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]?.seq);
  }
  const decisions = [...counts.values()].sort((a, b) =>
    a.surface === b.surface ? a.action.localeCompare(b.action) : a.surface.localeCompare(b.surface),
  );

  const statuses = await db
    .selectFrom('safety_queue')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const inQueue = (status: string) => Number(statuses.find((row) => row.status === status)?.n ?? 0);
  return {
    since,
    decisions,
    queue: { pending: inQueue('pending'), approved: inQueue('approved'), rejected: inQueue('rejected') },
  };
}

/** How many of the recent alerts the scorecard lists one by one. */
const ALERTS_LISTED = 8;

/** Alerts monitoring raised since a time: how many, and the latest few. */
export async function alertFigures(db: Kysely<Database>, since: string): Promise<ScorecardData['alerts']> {
  const total = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const recent = await db
    .selectFrom('alerts')
    .select(['kind', 'severity', 'metric', 'value', 'threshold', 'created_at', 'delivery'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(ALERTS_LISTED)
    .execute();
  return {
    since,
    total: Number(total.n),
    recent: recent.map((row) => ({
      kind: row.kind,
      severity: row.severity,
      metric: row.metric,
      value: Number(row.value),
      threshold: Number(row.threshold),
      createdAt: row.created_at,
      delivery: row.delivery,
    })),
  };
}
