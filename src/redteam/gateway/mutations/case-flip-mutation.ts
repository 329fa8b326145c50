import { mapLetters, textMutation } from '../mutation.js';

/** Every letter in upper or lower case at random ("iGnoRE AlL"). */
export function flipCase(text: string, random: () => number): string {
  return mapLetters(text, (letter) => (random() < 0.5 ? letter.toUpperCase() : letter.toLowerCase()));
}

export const caseFlipMutation = textMutation('case-flip', 'letters in random upper and lower case', flipCase);
