import type { CreatorRecord } from '../catalog-records.js';
import { cumulativeWeights, type SeededRandom } from './seeded-random.js';
import { artistName, personName } from './synthetic-text.js';
import { REGIONS, type Region } from './synthetic-vocabulary.js';

/** The kinds of title a viewer picks; an episode belongs to its series. */
export const TITLE_KINDS = ['film', 'series', 'track'] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];

export const CREATOR_ROLES: Record<TitleKind, string> = {
  film: 'director',
  series: 'showrunner',
  track: 'artist',
};

/** Average number of titles per creator. */
const TITLES_PER_CREATOR = 2.2;
/** Chance a title has a second creator (co-directors, a featured artist). */
const SECOND_CREATOR_CHANCE = 0.22;

export interface CreatorPool {
  readonly kind: TitleKind;
  /** Index of the pool's first creator in `SyntheticCreators.records`. */
  readonly first: number;
  readonly size: number;
  /** Heavy-tailed productivity: a few creators make many titles. */
  readonly productivity: Float64Array;
}

export interface SyntheticCreators {
  readonly records: CreatorRecord[];
  readonly underrepresented: Uint8Array;
  readonly regions: readonly Region[];
  readonly pools: Record<TitleKind, CreatorPool>;
}

export function creatorExternalId(index: number, total: number): string {
  return `creator-${String(index + 1).padStart(Math.max(4, String(total).length), '0')}`;
}

/**
 * One pool of creators per title kind (directors, showrunners, artists). In each pool exactly
 * round(share * size) creators are in the under-represented group, at random positions.
 */
export function generateCreators(
  titleCounts: Record<TitleKind, number>,
  underrepresentedShare: number,
  rng: SeededRandom,
): SyntheticCreators {
  const sizes = TITLE_KINDS.map((kind) => {
    const n = titleCounts[kind];
    return n === 0 ? 0 : Math.max(1, Math.ceil(n / TITLES_PER_CREATOR));
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  const records: CreatorRecord[] = [];
  const underrepresented = new Uint8Array(total);
  const regions: Region[] = [];
  const pools = {} as Record<TitleKind, CreatorPool>;
  TITLE_KINDS.forEach((kind, k) => {
    const size = sizes[k] ?? 0;
    const first = records.length;
    const flags = new Uint8Array(size);
    flags.fill(1, 0, Math.round(underrepresentedShare * size));
    rng.shuffle(flags);
    const productivity = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const index = first + i;
      const region = rng.weighted(REGIONS);
      const flag = flags[i] === 1;
      underrepresented[index] = flag ? 1 : 0;
      regions.push(region);
      records.push({
        externalId: creatorExternalId(index, total),
        name: kind === 'track' ? artistName(rng) : personName(rng),
        underrepresented: flag,
        region,
      });
      productivity[i] = rng.lognormal(0, 1);
    }
    pools[kind] = { kind, first, size, productivity: cumulativeWeights(productivity) };
  });
  return { records, underrepresented, regions, pools };
}

/**
 * Creators (indices into the creator records) of each title of one kind, in the order given. The
 * first `pool.size` titles get one creator each so every creator has work; the rest draw by
 * productivity; some titles get a second, distinct creator.
 */
export function assignCreators(pool: CreatorPool, titleCount: number, rng: SeededRandom): number[][] {
  const assignments: number[][] = [];
  for (let t = 0; t < titleCount; t++) {
    const main = t < pool.size ? t : rng.index(pool.productivity);
    const creators = [pool.first + main];
    if (pool.size > 1 && rng.chance(SECOND_CREATOR_CHANCE)) {
      let other = rng.index(pool.productivity);
      while (other === main) other = rng.index(pool.productivity);
      creators.push(pool.first + other);
    }
    assignments.push(creators);
  }
  return assignments;
}
