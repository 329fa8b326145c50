import { harmWords } from '../harm/harm-vocabulary.js';
import { ATTACK_WORDS } from '../prompt-attack/attack-vocabulary.js';
import { createVocabulary, type Vocabulary } from '../text/vocabulary.js';

let vocabulary: Vocabulary | undefined;

/**
 * What the one shared normalization of an inspected text repairs evasions with: the words of the harm
 * lexicons and of the prompt-attack phrases, so each detector sees the words a reader sees.
 */
export function safetyVocabulary(): Vocabulary {
  return (vocabulary ??= createVocabulary([...harmWords(), ...ATTACK_WORDS]));
}
