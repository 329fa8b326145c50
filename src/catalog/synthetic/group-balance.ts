import type { SeededRandom } from './seeded-random.js';
import type { TitleTable } from './synthetic-catalog.js';

/**
 * Titles of one kind split by creator group, each group in random order: `[others, underrepresented]`.
 */
export function groupsOfKind(titles: TitleTable, kind: number, rng: SeededRandom): [number[], number[]] {
  const groups: [number[], number[]] = [[], []];
  for (let t = 0; t < titles.count; t++) {
    if (titles.kind[t] === kind) groups[titles.underrepresented[t] === 1 ? 1 : 0].push(t);
  }
  rng.shuffle(groups[0]);
  rng.shuffle(groups[1]);
  return groups;
}

/**
 * Deals positions (best first, each with a weight) to the titles of two groups so that, at every point,
 * the minority group holds close to its share (by title count) of the weight dealt so far: the next
 * position goes to the group that lags. With equal weights this deals by count, spreading each group
 * evenly over the positions; with Zipf weights it keeps the heavy head from deciding a group's share.
 * Returns the title at each position.
 */
export function dealBalanced(
  [majority, minority]: readonly [readonly number[], readonly number[]],
  weights: ArrayLike<number>,
): Int32Array {
  const share = minority.length / Math.max(1, majority.length + minority.length);
  const titleAt = new Int32Array(weights.length);
  let mass = 0;
  let minorityMass = 0;
  let nextMajority = 0;
  let nextMinority = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    const minorityLeft = nextMinority < minority.length;
    const majorityLeft = nextMajority < majority.length;
    if (!minorityLeft && !majorityLeft) throw new Error(`more positions (${weights.length}) than titles`);
    const toMinority = minorityLeft && (!majorityLeft || minorityMass + w / 2 < share * (mass + w));
    titleAt[i] = (toMinority ? minority[nextMinority++] : majority[nextMajority++]) ?? 0;
    mass += w;
    if (toMinority) minorityMass += w;
  }
  return titleAt;
}
