import type { ItemStatistics } from '../profiles/item-statistics.js';
import type { ProfileMatrix } from '../profiles/profile-matrix.js';

export const SHILLING_ATTACKS = ['random', 'average', 'bandwagon', 'segment'] as const;
export type ShillingAttackName = (typeof SHILLING_ATTACKS)[number];

/**
 * A push attack on one target item, in the attack models of Lam & Riedl (2004, "Shilling recommender
 * systems for fun and profit") and Mobasher et al. (2007, "Toward trustworthy recommender systems"): each
 * fake profile gives the target the top rating, rates a few `selected` items in a way that depends on the
 * attack, and pads itself out with `filler` items drawn at random, rated so as to look ordinary.
 */
export interface ShillingSpec {
  /** Item index pushed. */
  target: number;
  /** Fake profiles as a share of the genuine viewers (0.03: 3%); at least one profile. */
  size: number;
  /** Filler items per profile as a share of the catalog (0.05: 5%). */
  filler: number;
  /** Selected items per profile (bandwagon: the most popular; segment: the segment's favourites). */
  selected: number;
  seed: number;
  /** When the first fake account starts rating (ms since the epoch); default just after the data ends. */
  startTime?: number;
  /** Over how long the fake accounts appear (ms); default one day. */
  spreadMs?: number;
}

/** What an attack gives the data: the fake rows, and which items it used besides the filler. */
export interface InjectedProfiles {
  readonly profiles: ProfileMatrix;
  readonly target: number;
  readonly selected: Int32Array;
}

/** What an attack may read of the genuine data: its profiles, their statistics, item genres if any. */
export interface AttackInput {
  readonly genuine: ProfileMatrix;
  readonly stats: ItemStatistics;
  readonly itemGenres?: readonly ArrayLike<number>[];
}

export interface ShillingAttack {
  readonly name: ShillingAttackName;
  readonly description: string;
  inject(input: AttackInput, spec: ShillingSpec): InjectedProfiles;
}
