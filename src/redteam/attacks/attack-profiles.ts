import { seededRandom } from '../../random/seeded-random.js';
import type { ItemStatistics } from '../profiles/item-statistics.js';
import { profileMatrixOf } from '../profiles/profile-matrix.js';
import type { AttackInput, InjectedProfiles, ShillingSpec } from './shilling-attack.js';

/** How one attack rates its items; `random` is the profile's own stream. */
export interface AttackPlan {
  /** Items every profile rates besides the target (ascending or not; none may be the target). */
  selected: Int32Array;
  selectedRating: 'max' | 'min';
  /** A filler item's rating before it is put on the scale. */
  fillerRating(item: number, random: () => number): number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Seconds between a bot's consecutive ratings: fast, as scripted accounts are. */
const STEP_MS = 20_000;

export function attackCount(nGenuine: number, size: number): number {
  if (!(size > 0 && size <= 1)) throw new Error(`attack size must be in (0, 1], got ${size}`);
  return Math.max(1, Math.round(size * nGenuine));
}

export function checkSpec(input: AttackInput, spec: ShillingSpec): void {
  const { nItems } = input.genuine;
  if (!(Number.isInteger(spec.target) && spec.target >= 0 && spec.target < nItems))
    throw new Error(`target ${spec.target} outside 0..${nItems - 1}`);
  if (!(spec.filler >= 0 && spec.filler < 1)) throw new Error(`filler must be in [0, 1), got ${spec.filler}`);
  if (!(Number.isInteger(spec.selected) && spec.selected >= 0))
    throw new Error(`selected must be a whole number, got ${spec.selected}`);
}

/** One draw from a normal distribution (Box-Muller). */
export function normal(random: () => number, mean: number, sd: number): number {
  const u = 1 - random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function onScale(value: number, stats: ItemStatistics): number {
  const scale = stats.scale;
  if (!scale) return Number.NaN;
  const clipped = Math.min(scale.max, Math.max(scale.min, value));
  return scale.integral ? Math.round(clipped) : clipped;
}

/**
 * Writes the fake profiles of a plan. Filler items are drawn uniformly from the items genuine viewers
 * have seen (an attacker knows only what the system shows); implicit data gets events without ratings.
 * The accounts appear one after another over `spreadMs` from `startTime`, each rating its items a few
 * seconds apart in random order, as scripted accounts do.
 */
export function buildAttackProfiles(
  input: AttackInput,
  spec: ShillingSpec,
  plan: AttackPlan,
): InjectedProfiles {
  checkSpec(input, spec);
  const { genuine, stats } = input;
  const count = attackCount(genuine.nUsers, spec.size);
  const special = new Set<number>([spec.target, ...plan.selected]);
  const pool: number[] = [];
  for (let i = 0; i < genuine.nItems; i += 1)
    if ((stats.popularity[i] as number) > 0 && !special.has(i)) pool.push(i);
  const nFiller = Math.min(pool.length, Math.round(spec.filler * genuine.nItems));
  let latest = 0;
  for (const t of genuine.times) latest = Math.max(latest, t);
  const start = spec.startTime ?? latest + 3600_000;
  const spread = spec.spreadMs ?? DAY_MS;
  const { max, min } = stats.scale ?? { max: Number.NaN, min: Number.NaN };

  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  const draw = Int32Array.from(pool);
  for (let p = 0; p < count; p += 1) {
    const random = seededRandom(spec.seed, p + 1);
    const profileItems: number[] = [spec.target];
    const profileValues: number[] = [max];
    for (const item of plan.selected) {
      profileItems.push(item);
      profileValues.push(plan.selectedRating === 'max' ? max : min);
    }
    // Partial Fisher-Yates: the first nFiller slots become a uniform sample without replacement.
    for (let k = 0; k < nFiller; k += 1) {
      const j = k + Math.floor(random() * (draw.length - k));
      const item = draw[j] as number;
      draw[j] = draw[k] as number;
      draw[k] = item;
      profileItems.push(item);
      profileValues.push(stats.scale ? onScale(plan.fillerRating(item, random), stats) : Number.NaN);
    }
    const accountStart = start + (count > 1 ? (p * spread) / count : 0);
    const order = profileItems.map((_, k) => k);
    for (let k = order.length - 1; k > 0; k -= 1) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j] as number, order[k] as number];
    }
    order.forEach((k, step) => {
      users.push(p);
      items.push(profileItems[k] as number);
      values.push(profileValues[k] as number);
      times.push(accountStart + step * STEP_MS);
    });
  }
  return {
    profiles: profileMatrixOf(count, genuine.nItems, { users, items, times, values }),
    target: spec.target,
    selected: Int32Array.from(plan.selected),
  };
}
