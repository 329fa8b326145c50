import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';
import { type Alert, alertSchema, type DriftReport, driftReportSchema } from './drift-report.js';

const detailSchema = z.record(z.string(), z.unknown());

/** The latest alerts, newest first, parsed back through their schema. */
export async function listAlerts(db: Kysely<Database>, limit: number): Promise<Alert[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) =>
    alertSchema.parse({
      id: row.id,
      kind: row.kind,
      severity: row.severity,
      metric: row.metric,
      value: Number(row.value),
      threshold: Number(row.threshold),
      detail: detailSchema.parse(JSON.parse(row.detail)),
      sourceId: row.source_id,
      createdAt: row.created_at,
      delivery: row.delivery,
      deliveredAt: row.delivered_at,
      deliveryError: row.delivery_error,
    }),
  );
}

/** The latest drift reports, newest first. */
export async function listDriftReports(db: Kysely<Database>, limit: number): Promise<DriftReport[]> {
  const rows = await db
    .selectFrom('drift_reports')
    .select(['report'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => driftReportSchema.parse(JSON.parse(row.report)));
}

/** Stored alerts by kind (every process's, and the CLI's): alerts are never deleted, so this only grows. */
export async function alertCountsByKind(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => ['kind', eb.fn.countAll().as('n')])
    .groupBy('kind')
    .execute();
  return new Map(rows.map((row) => [row.kind, Number(row.n)]));
}
