import type { HarmCategory } from '../finding.js';
import { detectHarm } from '../harm/detect-harm.js';
import { scoreToxicity } from '../learned/toxicity.js';
import { detectPromptAttack } from '../prompt-attack/detect-prompt-attack.js';
import type { HarmAndAttackProvider } from './safety-provider.js';

/** The built-in detectors: lexicons with context rules plus the committed learned models. */
export const localProvider: HarmAndAttackProvider = {
  name: 'local',
  async analyzeHarm(text: string): Promise<{ category: HarmCategory; severity: number }[]> {
    return detectHarm(text, { toxicity: scoreToxicity }).categories;
  },
  async shieldPrompt(userPrompt: string, documents: readonly string[]) {
    const result = detectPromptAttack(userPrompt, { documents });
    return { user: result.user.length > 0, documents: result.documents.map((found) => found.length > 0) };
  },
};
