import type { ProfileMatrix } from '../../profiles/profile-matrix.js';
import type { ProfileFeature } from './profile-feature.js';

export interface BurstinessOptions {
  /** How close together account starts must be to count as one wave, and a profile's first session. */
  windowMs?: number;
}

const HOUR_MS = 3600_000;

/**
 * Burstiness of new accounts: a profile is suspicious when it did most of its rating in its first
 * session and began in a wave of other new profiles, far more than the data's arrival rate predicts
 * (sybil accounts are created by a script, in a batch). The value is
 * `firstSessionShare * log(1 + starts within the window / starts the average rate predicts)`. Uses first
 * event times, which an importer keeps from the source; an attacker who spreads account creation over
 * weeks escapes it, which is why it is one feature among several and never decisive alone.
 */
export function burstiness(
  profiles: ProfileMatrix,
  { windowMs = HOUR_MS }: BurstinessOptions = {},
): Float64Array {
  const { nUsers, rowStart, times } = profiles;
  const first = new Float64Array(nUsers).fill(Number.NaN);
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (let u = 0; u < nUsers; u += 1) {
    let t0 = Number.POSITIVE_INFINITY;
    for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e += 1)
      t0 = Math.min(t0, times[e] as number);
    if (t0 === Number.POSITIVE_INFINITY) continue;
    first[u] = t0;
    earliest = Math.min(earliest, t0);
    latest = Math.max(latest, t0);
  }
  const starts = Float64Array.from(first.filter((t) => !Number.isNaN(t))).sort();
  const span = Math.max(latest - earliest, 2 * windowMs);
  const expected = Math.max(((starts.length - 1) * 2 * windowMs) / span, 1e-9);
  const out = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u += 1) {
    const t0 = first[u] as number;
    if (Number.isNaN(t0)) continue;
    const start = rowStart[u] as number;
    const end = rowStart[u + 1] as number;
    let inFirstSession = 0;
    for (let e = start; e < end; e += 1) if ((times[e] as number) - t0 <= windowMs) inFirstSession += 1;
    const cohort = countIn(starts, t0 + windowMs) - countIn(starts, t0 - windowMs - 1e-9) - 1;
    out[u] = (inFirstSession / (end - start)) * Math.log1p(cohort / expected);
  }
  return out;
}

/** How many sorted values are <= limit. */
function countIn(sorted: Float64Array, limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

export const burstinessFeature = (options: BurstinessOptions = {}): ProfileFeature => ({
  name: 'burstiness',
  description:
    'first-session share of the profile times how crowded its start time is with other new profiles',
  compute: ({ profiles }) => burstiness(profiles, options),
});
