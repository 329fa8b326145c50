import type { SafetySurface } from '../../safety/safety-policy.js';
import type { SeedKind, SuiteSeed } from './seeds/suite-seed.js';

/** What a mutation makes of a seed: the text a viewer sends, and documents that travel with it. */
export interface MutatedText {
  readonly text: string;
  /** Passed along with the text (the shieldPrompt `documents` path): reviews an answer draws on. */
  readonly documents?: readonly string[];
  /** Where it is inspected, when not where its seed's kind is (an attack hidden in a posted review). */
  readonly surface?: SafetySurface;
}

/**
 * One way of disguising a seed. `random` is the probe's own seeded stream, so a probe is the same on
 * every run with the same seed, whatever other probes the suite holds.
 */
export interface Mutation {
  readonly name: string;
  readonly description: string;
  readonly appliesTo: readonly SeedKind[];
  /**
   * `invisible` when the payload rides only on invisible characters: the gateway's `hidden: redact`
   * strips it, which disarms the attack as surely as a block.
   */
  readonly carrier: 'visible' | 'invisible';
  mutate(seed: SuiteSeed, random: () => number): MutatedText;
}

/** A mutation that rewrites the seed's text and nothing else. */
export function textMutation(
  name: string,
  description: string,
  transform: (text: string, random: () => number, seed: SuiteSeed) => string,
  appliesTo: readonly SeedKind[] = ['attack', 'harm'],
): Mutation {
  return {
    name,
    description,
    appliesTo,
    carrier: 'visible',
    mutate: (seed, random) => ({ text: transform(seed.text, random, seed) }),
  };
}

/** One of `choices`, drawn with `random`. */
export function pick<T>(choices: readonly T[], random: () => number): T {
  if (choices.length === 0) throw new Error('pick needs at least one choice');
  return choices[Math.min(choices.length - 1, Math.floor(random() * choices.length))] as T;
}

/** Applies `map` to each letter of `text` (by code point), leaving everything else as it is. */
export function mapLetters(text: string, map: (letter: string) => string): string {
  return Array.from(text, (ch) => (/\p{L}/u.test(ch) ? map(ch) : ch)).join('');
}
