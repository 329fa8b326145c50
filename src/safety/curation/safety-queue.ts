import type { Kysely } from 'kysely';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import type { SafetyReason } from '../gateway/decide.js';

export type QueueTargetKind = 'item' | 'review';
export type QueueStatus = 'pending' | 'approved' | 'rejected';

export interface QueueEntry {
  id: string;
  targetKind: QueueTargetKind;
  targetId: string;
  status: QueueStatus;
  /** What was found (kinds, types, severities, messages), never the text. */
  reasons: Omit<SafetyReason, 'action'>[];
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

const toEntry = (row: Database['safety_queue']): QueueEntry => ({
  id: row.id,
  targetKind: row.target_kind as QueueTargetKind,
  targetId: row.target_id,
  status: row.status as QueueStatus,
  reasons: JSON.parse(row.reasons) as QueueEntry['reasons'],
  createdAt: row.created_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
});

/**
 * Content the outgoing inspection held back, waiting for a curator: catalog items (kept out of every
 * feed while pending or rejected) and reviews (not shown while pending or rejected).
 */
export class SafetyQueue {
  private heldItems: { at: number; ids: Set<string> } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Queues the target unless it is already queued; a curator's earlier decision stands. */
  async hold(
    targetKind: QueueTargetKind,
    targetId: string,
    reasons: readonly SafetyReason[],
  ): Promise<boolean> {
    const existing = await this.db
      .selectFrom('safety_queue')
      .select('id')
      .where('target_kind', '=', targetKind)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    if (existing) return false;
    await this.db
      .insertInto('safety_queue')
      .values({
        id: newId(),
        target_kind: targetKind,
        target_id: targetId,
        status: 'pending',
        reasons: JSON.stringify(reasons.map(({ action: _action, ...reason }) => reason)),
        created_at: this.clock().toISOString(),
        decided_by: null,
        decided_at: null,
      })
      .execute();
    this.heldItems = undefined;
    return true;
  }

  async list(options: { status?: QueueStatus; limit?: number } = {}): Promise<QueueEntry[]> {
    let query = this.db.selectFrom('safety_queue').selectAll();
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at')
      .orderBy('id')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toEntry);
  }

  async get(id: string): Promise<QueueEntry | undefined> {
    const row = await this.db.selectFrom('safety_queue').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEntry(row);
  }

  async decide(id: string, status: 'approved' | 'rejected', by: string): Promise<QueueEntry | undefined> {
    await this.db
      .updateTable('safety_queue')
      .set({ status, decided_by: by, decided_at: this.clock().toISOString() })
      .where('id', '=', id)
      .execute();
    this.heldItems = undefined;
    return this.get(id);
  }

  /**
   * Catalog items no feed may show: queued and not approved. Cached for a few seconds so the serving
   * path pays one query per interval, and a curator's decision reaches every process within it.
   */
  async heldItemIds(maxAgeMs = 5_000): Promise<ReadonlySet<string>> {
    const now = this.clock().getTime();
    if (this.heldItems && now - this.heldItems.at < maxAgeMs) return this.heldItems.ids;
    const rows = await this.db
      .selectFrom('safety_queue')
      .select('target_id')
      .where('target_kind', '=', 'item')
      .where('status', '!=', 'approved')
      .execute();
    this.heldItems = { at: now, ids: new Set(rows.map((row) => row.target_id)) };
    return this.heldItems.ids;
  }
}
