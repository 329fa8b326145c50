import type { Mutation } from '../mutation.js';
import { buryInReview } from './review-cover.js';

/** The seed buried inside an ordinary-looking review a viewer posts (inspected on the review surface). */
export const hiddenInReviewMutation: Mutation = {
  name: 'hidden-in-review',
  description: 'the seed buried inside an ordinary-looking review the viewer posts',
  appliesTo: ['attack', 'harm'],
  carrier: 'visible',
  mutate: (seed, random) => ({ text: buryInReview(seed.text, random), surface: 'review' }),
};
