import { z } from 'zod';

/**
 * Rating systems map their own ordered labels onto one audience scale, so a profile's limit can be
 * compared with any item whatever system rated it. Unrated items sit at the top of the scale: content
 * nobody has rated is treated as adults-only until someone does.
 */
export const AUDIENCE_LEVELS = ['all', 'older-kids', 'guidance', 'teen', 'mature', 'adults-only'] as const;
export type AudienceLevel = (typeof AUDIENCE_LEVELS)[number];

const RATING_SYSTEMS = {
  mpaa: { G: 0, PG: 2, 'PG-13': 3, R: 4, 'NC-17': 5 },
  tv: { 'TV-Y': 0, 'TV-Y7': 1, 'TV-G': 1, 'TV-PG': 2, 'TV-14': 3, 'TV-MA': 4 },
  music: { clean: 0, explicit: 4 },
  none: { unrated: 5 },
} as const satisfies Record<string, Record<string, number>>;

export type RatingSystem = keyof typeof RATING_SYSTEMS;
export const RATING_SYSTEM_NAMES = Object.keys(RATING_SYSTEMS) as RatingSystem[];

export const maturitySchema = z
  .object({
    system: z.enum(RATING_SYSTEM_NAMES as [RatingSystem, ...RatingSystem[]]).describe('rating system'),
    rating: z.string().min(1).describe('label within the rating system, e.g. PG-13 or TV-MA'),
  })
  .superRefine((value, ctx) => {
    const labels: Record<string, number> = RATING_SYSTEMS[value.system];
    if (!(value.rating in labels)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rating'],
        message: `'${value.rating}' is not a ${value.system} rating (expected one of ${Object.keys(labels).join(', ')})`,
      });
    }
  });
export type Maturity = z.infer<typeof maturitySchema>;

export const UNRATED: Maturity = { system: 'none', rating: 'unrated' };

/** The ordinal audience level (0 = all ages ... 5 = adults only) of a rating. */
export function audienceLevel(maturity: Maturity): number {
  const labels: Record<string, number> = RATING_SYSTEMS[maturity.system];
  const level = labels[maturity.rating];
  if (level === undefined) throw new Error(`unknown ${maturity.system} rating '${maturity.rating}'`);
  return level;
}

/** Ratings of one system, lowest audience level first. */
export function ratingsOf(system: RatingSystem): string[] {
  const labels: Record<string, number> = RATING_SYSTEMS[system];
  return Object.entries(labels)
    .sort((a, b) => a[1] - b[1])
    .map(([label]) => label);
}
