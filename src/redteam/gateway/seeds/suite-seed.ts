import type { SafetySurface } from '../../../safety/safety-policy.js';

/** The languages every seed is written in besides English, for the language-switch mutations. */
export const SEED_LANGUAGES = ['fr', 'es', 'de', 'pt', 'it'] as const;
export type SeedLanguage = (typeof SEED_LANGUAGES)[number];

/** `attack`: a prompt injection or jailbreak; `harm`: harmful content a viewer might post. */
export type SeedKind = 'attack' | 'harm';

/**
 * One text the suite mutates. Seeds are written for this suite, in the repository: the labelled sets
 * under the shared data folder train and benchmark the detectors, so attacking with them would only
 * measure memory.
 */
export interface SuiteSeed {
  readonly id: string;
  readonly kind: SeedKind;
  /** What it tries: `instruction-override`, `exfiltration`, `violence`, `hate`... */
  readonly category: string;
  readonly text: string;
  /** The same text written in each other language (not machine-translated on the fly). */
  readonly translations: Readonly<Record<SeedLanguage, string>>;
}

/** An ordinary viewer text the gateway must let through, on the surface where viewers type it. */
export interface BenignText {
  readonly id: string;
  readonly surface: Exclude<SafetySurface, 'outgoing'>;
  /** `ordinary`, `tricky` (attack-like words in an innocent sense) or `other-language`. */
  readonly category: 'ordinary' | 'tricky' | 'other-language';
  readonly text: string;
}
