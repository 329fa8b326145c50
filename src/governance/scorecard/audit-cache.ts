import type { Store } from '../../store/open-store.js';
import type { AuditFigures } from './audit-figures.js';

/**
 * Recent audits of model versions, so that downloading the same scorecard twice does not refit the
 * model twice. The audit is seeded, so it is a function of the recipe, the protocol and the data: an
 * entry is reused only while the version, the policy version and the data it read are unchanged (the
 * interactions' count and last sequence number, the consent ledger's last event, the numbers of
 * viewers and titles), and for at most `ttlMs` for changes those do not show (an edited viewer profile,
 * a creator's group).
 */
export class AuditFigureCache {
  private readonly entries = new Map<string, { at: number; figures: Promise<AuditFigures> }>();

  constructor(private readonly options: { size?: number; ttlMs?: number; now?: () => number } = {}) {}

  /** The figures for the key, computing them at most once while the entry is fresh. */
  async get(key: string, compute: () => Promise<AuditFigures>): Promise<AuditFigures> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < (this.options.ttlMs ?? 10 * 60_000)) return cached.figures;
    const figures = compute();
    this.entries.set(key, { at: now, figures });
    // A failed audit is not remembered: the next request tries again.
    figures.catch(() => this.entries.delete(key));
    while (this.entries.size > (this.options.size ?? 8)) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return figures;
  }
}

/** What the audit of a version depends on besides the version and the policy, as one string. */
export async function auditDataState(store: Store): Promise<string> {
  const db = store.db;
  const interactions = await db
    .selectFrom('interactions')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('seq').as('last')])
    .executeTakeFirstOrThrow();
  const consent = await db
    .selectFrom('consent_events')
    .select((eb) => eb.fn.max('seq').as('last'))
    .executeTakeFirstOrThrow();
  const count = async (table: 'subjects' | 'items') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return [
    Number(interactions.n),
    Number(interactions.last ?? 0),
    Number(consent.last ?? 0),
    await count('subjects'),
    await count('items'),
  ].join(':');
}
