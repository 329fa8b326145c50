import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Clock, newId, systemClock } from '../ids.js';
import type { Database, FeedbackRow } from '../schema.js';

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

/** Feedback is personal data: it belongs to its subject and is erased with it. */
export class FeedbackRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
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
    await this.db.insertInto('feedback').values(row).execute();
    return row;
  }

  async forSubject(subjectId: string): Promise<FeedbackRow[]> {
    return this.db
      .selectFrom('feedback')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }
}
