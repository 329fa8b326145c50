import { z } from 'zod';
import { purposeIdSchema } from '../privacy/consent/purposes.js';
import { maturitySchema, UNRATED } from './maturity.js';
import { ageBandSchema, profileKindSchema } from './viewer-profile.js';

/**
 * Candor's native record shapes: what every importer produces and what the synthetic generator writes
 * (one JSON object per line). External ids are the ids of the source system; Candor assigns its own.
 */

const externalId = z.string().trim().min(1).max(200);
const isoTime = z.iso.datetime({ offset: true }).describe('ISO 8601 time');

export const ITEM_KINDS = ['film', 'series', 'episode', 'track'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const INTERACTION_KINDS = ['view', 'complete', 'like', 'rating'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const genreRecordSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'genre id must be a lowercase slug (a-z, 0-9, -)')
    .max(64),
  name: z.string().trim().min(1).max(100),
});
export type GenreRecord = z.infer<typeof genreRecordSchema>;

export const creatorRecordSchema = z.strictObject({
  externalId,
  name: z.string().trim().min(1).max(300),
  /** Self-declared; used only for exposure auditing. */
  underrepresented: z.boolean().nullable().default(null),
  region: z.string().trim().min(1).max(100).nullable().default(null),
});
export type CreatorRecord = z.infer<typeof creatorRecordSchema>;

export const itemRecordSchema = z
  .strictObject({
    externalId,
    title: z.string().trim().min(1).max(500),
    kind: z.enum(ITEM_KINDS),
    genres: z.array(genreRecordSchema.shape.id).max(20).default([]),
    creators: z
      .array(z.strictObject({ externalId, role: z.string().trim().min(1).max(50).default('creator') }))
      .max(50)
      .default([]),
    year: z.number().int().min(1870).max(2200).nullable().default(null),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag such as en or pt-BR')
      .nullable()
      .default(null),
    maturity: maturitySchema.default(UNRATED),
    synopsis: z.string().max(5000).nullable().default(null),
    durationMinutes: z.number().positive().max(100_000).nullable().default(null),
    /** An episode names its series. */
    parentExternalId: externalId.nullable().default(null),
    season: z.number().int().min(0).nullable().default(null),
    episode: z.number().int().min(0).nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'episode' && item.parentExternalId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentExternalId'],
        message: 'an episode must name its series',
      });
    }
    if (item.kind !== 'episode' && item.parentExternalId !== null) {
      ctx.addIssue({ code: 'custom', path: ['parentExternalId'], message: 'only an episode has a parent' });
    }
  });
export type ItemRecord = z.infer<typeof itemRecordSchema>;

export const viewerRecordSchema = z
  .strictObject({
    externalId,
    profileKind: profileKindSchema,
    ageBand: ageBandSchema.default('unknown'),
    /** Whether the viewer agreed that demographics may be kept (for fairness audits only). */
    demographicsConsent: z.boolean().default(false),
    gender: z.string().trim().min(1).max(50).nullable().default(null),
    occupation: z.string().trim().min(1).max(100).nullable().default(null),
    displayName: z.string().trim().min(1).max(200).nullable().default(null),
    email: z.email().nullable().default(null),
    /**
     * Consent the source recorded, by purpose (e.g. `{"personalization": true}`); kept in the consent
     * ledger as given at import. demographicsConsent stands for `demographics_for_fairness_audit`.
     */
    consents: z.record(purposeIdSchema, z.boolean()).optional(),
  })
  .superRefine((viewer, ctx) => {
    if (!viewer.demographicsConsent) {
      for (const field of ['gender', 'occupation'] as const) {
        if (viewer[field] !== null) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `${field} may be kept only with demographics consent`,
          });
        }
      }
    }
  });
export type ViewerRecord = z.infer<typeof viewerRecordSchema>;

export const interactionRecordSchema = z
  .strictObject({
    subjectExternalId: externalId,
    itemExternalId: externalId,
    kind: z.enum(INTERACTION_KINDS),
    /** Rating value for `rating`; optional weight (e.g. watch fraction) otherwise. */
    value: z.number().finite().nullable().default(null),
    occurredAt: isoTime,
    /** Deduplicates re-sent events; importers derive one when the source has none. */
    idempotencyKey: z.string().min(1).max(300).nullable().default(null),
  })
  .superRefine((event, ctx) => {
    if (event.kind === 'rating' && event.value === null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a rating needs a value' });
    }
  });
export type InteractionRecord = z.infer<typeof interactionRecordSchema>;

/** The record kinds in the order an import must write them (later kinds refer to earlier ones). */
export const RECORD_KINDS = ['genres', 'creators', 'items', 'viewers', 'interactions'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const recordSchemas = {
  genres: genreRecordSchema,
  creators: creatorRecordSchema,
  items: itemRecordSchema,
  viewers: viewerRecordSchema,
  interactions: interactionRecordSchema,
} as const;

export interface RecordOf {
  genres: GenreRecord;
  creators: CreatorRecord;
  items: ItemRecord;
  viewers: ViewerRecord;
  interactions: InteractionRecord;
}
