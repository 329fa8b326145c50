import { z } from 'zod';
import { ITEM_KINDS } from '../../catalog/catalog-records.js';
import { MAX_ASK_TEXT_LENGTH } from './ask-error.js';

export const ASK_SORTS = ['relevance', 'newest', 'oldest', 'shortest'] as const;
export type AskSort = (typeof ASK_SORTS)[number];

export const askTextSchema = z
  .string()
  .max(MAX_ASK_TEXT_LENGTH)
  .describe('what the viewer asks for, in words');

export const askEvidenceSchema = z.object({
  phrase: z.string().describe('the words of the request this constraint came from'),
  meaning: z.string().describe('what the parser took them to mean, in plain English'),
  start: z.number().int().min(0).describe('UTF-16 offset of the phrase in the request'),
  end: z.number().int().min(0).describe('UTF-16 offset just past the phrase'),
});
export type AskEvidence = z.infer<typeof askEvidenceSchema>;

export const askIntentSchema = z.object({
  genres: z.array(z.string()).describe('catalog genre ids wanted (a ranking bonus, not a filter)'),
  excludedGenres: z.array(z.string()).describe('catalog genre ids ruled out'),
  kinds: z.array(z.enum(ITEM_KINDS)).describe('item kinds allowed; empty means any'),
  maxAudienceLevel: z.number().int().min(0).max(5).nullable().describe('highest audience level allowed'),
  maxDurationMinutes: z.number().positive().nullable(),
  minDurationMinutes: z.number().positive().nullable(),
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  languages: z.array(z.string()).describe('ISO 639-1 codes allowed; empty means any'),
  similarToTitle: z.string().nullable().describe('a title the viewer compared the request to, as written'),
  sort: z.enum(ASK_SORTS),
  limit: z.number().int().positive().nullable(),
  unmatched: z.array(z.string()).describe('content words the parser did not understand'),
  evidence: z.array(askEvidenceSchema),
});
export type AskIntent = z.infer<typeof askIntentSchema>;

export function emptyIntent(): AskIntent {
  return {
    genres: [],
    excludedGenres: [],
    kinds: [],
    maxAudienceLevel: null,
    maxDurationMinutes: null,
    minDurationMinutes: null,
    yearFrom: null,
    yearTo: null,
    languages: [],
    similarToTitle: null,
    sort: 'relevance',
    limit: null,
    unmatched: [],
    evidence: [],
  };
}
