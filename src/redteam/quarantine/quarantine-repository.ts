import type { Insertable, Kysely, Selectable } from 'kysely';
import { chunks } from '../../store/repositories/chunk.js';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';

export const QUARANTINE_STATUSES = ['quarantined', 'released', 'confirmed'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];
export type QuarantineDecision = 'release' | 'confirm';

/** What the detector saw in a profile: each feature's raw value and standard score. */
export interface QuarantineEvidence {
  /** Null where the feature is undefined for the profile (RDMA without ratings). */
  features: Record<string, { value: number | null; z: number | null; votes: boolean }>;
  threshold: number;
  quorum: number;
}

export interface QuarantineEntry {
  id: string;
  subjectId: string;
  score: number;
  evidence: QuarantineEvidence;
  detectorVersion: string;
  status: QuarantineStatus;
  /** The subject's latest interaction sequence number when flagged. */
  dataSeq: number;
  createdAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export type NewQuarantine = Pick<
  QuarantineEntry,
  'subjectId' | 'score' | 'evidence' | 'detectorVersion' | 'dataSeq'
>;

type Row = Selectable<Database['profile_quarantine']>;

const toEntry = (row: Row): QuarantineEntry => ({
  id: row.id,
  subjectId: row.subject_id,
  score: Number(row.score),
  evidence: JSON.parse(row.features) as QuarantineEvidence,
  detectorVersion: row.detector_version,
  status: row.status as QuarantineStatus,
  dataSeq: Number(row.data_seq),
  createdAt: row.created_at,
  reviewedBy: row.reviewed_by,
  reviewedAt: row.reviewed_at,
});

const EXCLUDING: readonly QuarantineStatus[] = ['quarantined', 'confirmed'];

/**
 * The quarantine of suspicious viewer profiles. A subject's latest entry is its current state; older
 * entries stay, so that what was excluded from training at any past time can be read back.
 */
export class QuarantineRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async add(entries: readonly NewQuarantine[]): Promise<QuarantineEntry[]> {
    const at = this.clock().toISOString();
    const rows: (Insertable<Database['profile_quarantine']> & Row)[] = entries.map((entry) => ({
      id: newId(),
      subject_id: entry.subjectId,
      score: entry.score,
      features: JSON.stringify(entry.evidence),
      detector_version: entry.detectorVersion,
      status: 'quarantined',
      data_seq: entry.dataSeq,
      created_at: at,
      reviewed_by: null,
      reviewed_at: null,
    }));
    for (const part of chunks(rows, 200))
      await this.db.insertInto('profile_quarantine').values(part).execute();
    return rows.map(toEntry);
  }

  /** Each subject's latest entry (its current state), by subject id. */
  async latestBySubject(): Promise<Map<string, QuarantineEntry>> {
    const rows = await this.db
      .selectFrom('profile_quarantine')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const latest = new Map<string, QuarantineEntry>();
    for (const row of rows) latest.set(row.subject_id, toEntry(row));
    return latest;
  }

  async list(options: { status?: QuarantineStatus; limit?: number } = {}): Promise<QuarantineEntry[]> {
    let query = this.db.selectFrom('profile_quarantine').selectAll();
    if (options.status) query = query.where('status', '=', options.status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map(toEntry);
  }

  async get(id: string): Promise<QuarantineEntry | undefined> {
    const row = await this.db
      .selectFrom('profile_quarantine')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEntry(row);
  }

  /** The subject's latest entry: its current state. */
  async latestFor(subjectId: string): Promise<QuarantineEntry | undefined> {
    const row = await this.db
      .selectFrom('profile_quarantine')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toEntry(row);
  }

  /** A curator's decision: `release` lets the profile back into training, `confirm` keeps it out for good. */
  async decide(id: string, decision: QuarantineDecision, by: string): Promise<QuarantineEntry | undefined> {
    await this.db
      .updateTable('profile_quarantine')
      .set({
        status: decision === 'release' ? 'released' : 'confirmed',
        reviewed_by: by,
        reviewed_at: this.clock().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /** Subjects kept out of training now: their latest entry is quarantined or confirmed. */
  async excludedSubjects(): Promise<Set<string>> {
    const excluded = new Set<string>();
    for (const [subjectId, entry] of await this.latestBySubject())
      if (EXCLUDING.includes(entry.status)) excluded.add(subjectId);
    return excluded;
  }

  /**
   * Subjects that were kept out of training at a past time (a model's snapshot is re-taken with them):
   * each subject's latest entry created by then, unless a curator had released it by then.
   */
  async excludedSubjectsAt(time: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('profile_quarantine')
      .selectAll()
      .where('created_at', '<=', time)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const latest = new Map<string, Row>();
    for (const row of rows) latest.set(row.subject_id, row);
    const excluded = new Set<string>();
    for (const [subjectId, row] of latest) {
      const releasedBefore = row.status === 'released' && row.reviewed_at !== null && row.reviewed_at <= time;
      if (!releasedBefore) excluded.add(subjectId);
    }
    return excluded;
  }
}
