import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { gateReportSchema } from '../registry/gate-report.js';
import type { ScorecardData } from './scorecard-data.js';

export type GateFigures = Pick<ScorecardData, 'gate' | 'gateNote' | 'signoffs'> & {
  history: ScorecardData['model']['history'];
};

/**
 * The version's latest promotion gate report, the sign-offs given on that report (who, in which role:
 * staff accounts, never viewers), and every move of a registry alias to or from the version.
 */
export async function gateFigures(db: Kysely<Database>, modelId: string): Promise<GateFigures> {
  const history = (
    await db
      .selectFrom('model_alias_events')
      .select(['alias', 'action', 'at', 'actor'])
      .where((eb) => eb.or([eb('model_id', '=', modelId), eb('previous_id', '=', modelId)]))
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((row) => ({ alias: row.alias, action: row.action, at: row.at, actor: row.actor }));

  const row = await db
    .selectFrom('promotion_gates')
    .selectAll()
    .where('model_id', '=', modelId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { gate: null, gateNote: 'not gated yet', signoffs: [], history };

  let parsed;
  try {
    parsed = gateReportSchema.safeParse(JSON.parse(row.report));
  } catch {
    parsed = undefined;
  }
  // The scorecard still says the version was gated, and when, even if the report is unreadable.
  const gate = parsed?.success
    ? {
        id: row.id,
        createdAt: row.created_at,
        passed: row.passed === 1,
        baselineId: row.baseline_id,
        policyVersion: row.policy_version,
        checks: parsed.data.checks,
        failures: parsed.data.failures,
        candidateMetrics: parsed.data.candidate.metrics,
        baselineMetrics: parsed.data.baseline?.metrics ?? null,
      }
    : null;
  const gateNote = gate ? null : `the report of gate ${row.id} (${row.created_at}) could not be read`;

  const signoffs = (
    await db
      .selectFrom('signoffs')
      .leftJoin('accounts', 'accounts.id', 'signoffs.account_id')
      .select([
        'signoffs.role',
        'signoffs.account_id',
        'accounts.username',
        'signoffs.at',
        'signoffs.comment',
      ])
      .where('signoffs.gate_id', '=', row.id)
      .orderBy('signoffs.at')
      .orderBy('signoffs.id')
      .execute()
  ).map((s) => ({
    role: s.role,
    accountId: s.account_id,
    username: s.username ?? null,
    at: s.at,
    comment: s.comment,
  }));
  return { gate, gateNote, signoffs, history };
}
