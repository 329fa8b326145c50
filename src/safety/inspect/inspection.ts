import type { Finding, HarmCategory } from '../finding.js';

/** Everything the detectors found in one text: what the gateway's policy decides on. */
export interface Inspection {
  /** Every finding, spans into the inspected text; never the text itself. */
  readonly findings: readonly Finding[];
  /** Severity 0..7 per harm category (all four, always). */
  readonly categories: readonly { readonly category: HarmCategory; readonly severity: number }[];
  /** Prompt attacks in the text itself (jailbreak) and in each document passed along (injection). */
  readonly promptAttack: {
    readonly user: boolean;
    readonly documents: readonly boolean[];
  };
  /** Which provider judged harm and prompt attacks. */
  readonly provider: string;
}

export interface InspectOptions {
  /** Documents that travel with the text (reviews, synopses an answer draws on), checked for injection. */
  readonly documents?: readonly string[];
  /** Whether prompt attacks are looked for at all (a search box is not a prompt). */
  readonly promptAttacks?: boolean;
  /** Least score a PII finding needs. */
  readonly piiMinScore?: number;
}
