import { z } from 'zod';

export const PROFILE_KINDS = ['adult', 'teen', 'kids'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];
export const profileKindSchema = z.enum(PROFILE_KINDS);

/**
 * Age is kept as a band, never as a birth date or exact age. `under-18` exists for sources that only
 * publish that coarse band (MovieLens 1M).
 */
export const AGE_BANDS = [
  'under-13',
  '13-17',
  'under-18',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55+',
  'unknown',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const ageBandSchema = z.enum(AGE_BANDS);

/** Default highest audience level (see maturity.ts) a profile may be shown; the policy can lower it. */
export const DEFAULT_PROFILE_MAX_LEVEL: Record<ProfileKind, number> = { kids: 2, teen: 3, adult: 5 };

export function ageBandOf(age: number): AgeBand {
  if (!Number.isFinite(age) || age < 0) return 'unknown';
  if (age < 13) return 'under-13';
  if (age < 18) return '13-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/** The profile a viewer gets when the source does not say: the strictest that fits the age band. */
export function defaultProfileKind(ageBand: AgeBand): ProfileKind {
  if (ageBand === 'under-13') return 'kids';
  if (ageBand === '13-17' || ageBand === 'under-18') return 'teen';
  return 'adult';
}
