import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Clock, newId, systemClock } from '../ids.js';
import type { Database, FeedbackRow } from '../schema.js';
import type { SubjectKeyring } from '../../privacy/keyring/subject-keyring.js';

/** The field name the reason's ciphertext is bound to. */
export const FEEDBACK_REASON_FIELD = 'feedback.reason';

export const FEEDBACK_KINDS = ['thumb', 'rating', 'not-interested'] as const;

export const newFeedbackSchema = z
  .strictObject({
    subjectId: z.string().min(1),
    itemId: z.string().min(1),
    decisionId: z.string().min(1).nullable().default(null),
    kind: z.enum(FEEDBACK_KINDS),
    /** thumb: -1 or 1; rating: 1-5; not-interested: none. */
    value: z.number().nullable().default(null),
    reason: z.string().trim().min(1).max(500).nullable().default(null),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'thumb' && f.value !== 1 && f.value !== -1) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a thumb is 1 (up) or -1 (down)' });
    }
    if (
      f.kind === 'rating' &&
      (f.value === null || !Number.isInteger(f.value) || f.value < 1 || f.value > 5)
    ) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a rating is a whole number from 1 to 5' });
    }
    if (f.kind !== 'not-interested' && f.reason !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'only not-interested feedback takes a reason',
      });
    }
  });
export type NewFeedback = z.input<typeof newFeedbackSchema>;

/** Feedback rows with their reasons decrypted; rows with no reason need no keyring. */
export async function openReasons(
  keyring: SubjectKeyring | undefined,
  rows: FeedbackRow[],
  db?: Kysely<Database>,
): Promise<FeedbackRow[]> {
  if (!keyring) {
    if (rows.some((row) => row.reason !== null))
      throw new Error('feedback reasons are encrypted: no keyring');
    return rows;
  }
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      reason: await keyring.decrypt(row.subject_id, FEEDBACK_REASON_FIELD, row.reason, db ? { db } : {}),
    })),
  );
}

/** Feedback is personal data: it belongs to its subject and is erased with it. */
export class FeedbackRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
    /** Encrypts the free-text reason under the subject's data key. */
    private readonly keyring?: SubjectKeyring,
  ) {}

  async add(input: NewFeedback): Promise<FeedbackRow> {
    const f = newFeedbackSchema.parse(input);
    const row = {
      id: newId(),
      subject_id: f.subjectId,
      item_id: f.itemId,
      decision_id: f.decisionId,
      kind: f.kind,
      value: f.value,
      reason: f.reason,
      created_at: this.clock().toISOString(),
    };
    let reason: string | null = null;
    if (f.reason !== null) {
      if (!this.keyring) throw new Error('free text can only be stored encrypted: no keyring given');
      reason = await this.keyring.encrypt(f.subjectId, FEEDBACK_REASON_FIELD, f.reason, { db: this.db });
    }
    await this.db
      .insertInto('feedback')
      .values({ ...row, reason })
      .execute();
    return row;
  }

  /**
   * Items the subject turned down: their latest thumb or "not interested" on the item says no (a later
   * thumbs up takes it back). Ratings are opinions about what was watched, not requests to hide.
   */
  async dismissedItemIds(subjectId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('feedback')
      .select(['item_id', 'kind', 'value'])
      .where('subject_id', '=', subjectId)
      .where('kind', 'in', ['thumb', 'not-interested'])
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    const latestSaysNo = new Map<string, boolean>();
    for (const row of rows) latestSaysNo.set(row.item_id, row.kind === 'not-interested' || row.value === -1);
    return new Set([...latestSaysNo].filter(([, no]) => no).map(([itemId]) => itemId));
  }

  /** A subject's feedback, newest first, reasons decrypted (the keyring is needed when there are any). */
  async forSubject(subjectId: string): Promise<FeedbackRow[]> {
    const rows = await this.db
      .selectFrom('feedback')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return openReasons(this.keyring, rows, this.db);
  }
}
