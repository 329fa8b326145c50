import type { HarmCategory } from '../finding.js';

/**
 * Who judges harm categories and prompt attacks. Personal data, hidden characters, profanity and
 * blocklists are always judged locally: they are exact, cheap, and no text needs to leave the service
 * for them.
 */
export interface HarmAndAttackProvider {
  readonly name: string;
  analyzeHarm(text: string): Promise<{ category: HarmCategory; severity: number }[]>;
  shieldPrompt(
    userPrompt: string,
    documents: readonly string[],
  ): Promise<{ user: boolean; documents: boolean[] }>;
}
