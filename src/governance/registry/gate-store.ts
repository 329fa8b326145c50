import type { Kysely } from 'kysely';
import { newId } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import { type GateReport, gateReportSchema } from './gate-report.js';

export interface Signoff {
  id: string;
  gateId: string;
  modelId: string;
  role: string;
  accountId: string;
  comment: string | null;
  at: string;
}

const toSignoff = (row: Database['signoffs']): Signoff => ({
  id: row.id,
  gateId: row.gate_id,
  modelId: row.model_id,
  role: row.role,
  accountId: row.account_id,
  comment: row.comment,
  at: row.at,
});

/** Gate reports and their sign-offs (both append-only): what promotion and the model card read. */
export class GateStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(report: GateReport): Promise<void> {
    await this.db
      .insertInto('promotion_gates')
      .values({
        id: report.id,
        model_id: report.modelId,
        baseline_id: report.baselineId,
        policy_version: report.policyVersion,
        passed: report.passed ? 1 : 0,
        report: JSON.stringify(report),
        requested_by: report.requestedBy,
        created_at: report.createdAt,
      })
      .execute();
  }

  /** A version's gate reports, newest first. */
  async reportsOf(modelId: string, limit = 20): Promise<GateReport[]> {
    const rows = await this.db
      .selectFrom('promotion_gates')
      .select('report')
      .where('model_id', '=', modelId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => gateReportSchema.parse(JSON.parse(row.report)));
  }

  /** The report sign-offs and promotion go by: a version's most recent. */
  async latestOf(modelId: string): Promise<GateReport | undefined> {
    return (await this.reportsOf(modelId, 1))[0];
  }

  async signoffsOf(gateId: string): Promise<Signoff[]> {
    const rows = await this.db
      .selectFrom('signoffs')
      .selectAll()
      .where('gate_id', '=', gateId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toSignoff);
  }

  async addSignoff(entry: Omit<Signoff, 'id'>): Promise<Signoff> {
    const signoff: Signoff = { id: newId(), ...entry };
    await this.db
      .insertInto('signoffs')
      .values({
        id: signoff.id,
        gate_id: signoff.gateId,
        model_id: signoff.modelId,
        role: signoff.role,
        account_id: signoff.accountId,
        comment: signoff.comment,
        at: signoff.at,
      })
      .execute();
    return signoff;
  }
}
