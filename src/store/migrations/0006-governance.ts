import type { Kysely, Migration } from 'kysely';

/**
 * Governance: the history of serving policies (each change made through the API, with who made it), the
 * model registry's alias moves (candidate, production, rollbacks), promotion gate reports with their
 * sign-offs, drift reports and the alerts they raised. Every table is append-only but for an alert's
 * delivery status.
 */
export const governance: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('policy_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'text', (c) => c.notNull())
      // The canonical JSON of the validated policy (defaults filled in).
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('activated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('policy_history_time_idx')
      .on('policy_history')
      .columns(['activated_at', 'id'])
      .execute();

    await db.schema
      .createTable('model_alias_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // candidate or production.
      .addColumn('alias', 'text', (c) => c.notNull())
      // The version the alias points at afterwards (null: the alias was cleared).
      .addColumn('model_id', 'text')
      .addColumn('previous_id', 'text')
      // set, promote, rollback, bootstrap.
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('gate_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('model_alias_events_alias_idx')
      .on('model_alias_events')
      .columns(['alias', 'at', 'id'])
      .execute();

    await db.schema
      .createTable('promotion_gates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('model_id', 'text', (c) => c.notNull())
      // The production version the candidate was compared with (null: nothing in production yet).
      .addColumn('baseline_id', 'text')
      .addColumn('policy_version', 'text', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      // JSON: every check with its measured value, threshold and outcome.
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('promotion_gates_model_idx')
      .on('promotion_gates')
      .columns(['model_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('signoffs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('gate_id', 'text', (c) => c.notNull())
      .addColumn('model_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    // One sign-off per role, and one role per person, for each gate report.
    await db.schema
      .createIndex('signoffs_role_idx')
      .on('signoffs')
      .columns(['gate_id', 'role'])
      .unique()
      .execute();
    await db.schema
      .createIndex('signoffs_person_idx')
      .on('signoffs')
      .columns(['gate_id', 'account_id'])
      .unique()
      .execute();

    await db.schema
      .createTable('drift_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('model_id', 'text')
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('alerts', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('drift_reports_time_idx').on('drift_reports').column('created_at').execute();

    await db.schema
      .createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // drift, fairness, ...
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('value', 'double precision', (c) => c.notNull())
      .addColumn('threshold', 'double precision', (c) => c.notNull())
      // JSON: what was compared (no personal data).
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      // pending, delivered, failed, not-configured.
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('delivery_error', 'text')
      .execute();
    await db.schema.createIndex('alerts_time_idx').on('alerts').column('created_at').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'alerts',
      'drift_reports',
      'signoffs',
      'promotion_gates',
      'model_alias_events',
      'policy_history',
    ])
      await db.schema.dropTable(table).execute();
  },
};
