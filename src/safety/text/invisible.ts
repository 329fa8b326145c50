/** Characters that render as nothing (or nothing visible) and so can hide text from a human reader. */

import { codePointClass } from './code-point-class.js';

const isFormatCharacter = codePointClass(/^\p{Cf}$/u);

export function isZeroWidth(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x00ad || cp === 0x180e;
}

export function isBidiControl(cp: number): boolean {
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

export function isTagCharacter(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

export function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/** C0 and C1 controls other than tab, newline and carriage return. */
export function isControl(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0x7f && cp <= 0x9f);
}

/** Letters and marks that render blank: Hangul fillers, the combining grapheme joiner, Khmer inherent vowels. */
export function isBlankLetter(cp: number): boolean {
  return (
    cp === 0x034f ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0 ||
    cp === 0x17b4 ||
    cp === 0x17b5
  );
}

export function isFormat(cp: number): boolean {
  if (cp < 0xad) return false;
  return isFormatCharacter(cp);
}

/** Everything normalization drops before matching. */
export function isInvisible(cp: number): boolean {
  if (cp < 0x80) return isControl(cp);
  return (
    isControl(cp) ||
    isZeroWidth(cp) ||
    isBidiControl(cp) ||
    isTagCharacter(cp) ||
    isVariationSelector(cp) ||
    isBlankLetter(cp) ||
    isFormat(cp)
  );
}
