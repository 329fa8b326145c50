import { type Finding } from '../finding.js';
import { isConfusableLetter } from '../text/confusables.js';
import {
  isBidiControl,
  isBlankLetter,
  isControl,
  isFormat,
  isTagCharacter,
  isVariationSelector,
  isZeroWidth,
} from '../text/invisible.js';

export type HiddenType = 'zero_width' | 'invisible' | 'bidi_override' | 'mixed_script' | 'control';

const DETECTOR = 'hidden-content';
const EXTENDED_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;
const HAN = /^\p{Script=Han}$/u;
/** Scripts whose orthography needs ZWJ/ZWNJ (Persian, Indic, ...): a joiner there is spelling, not evasion. */
const JOINING_SCRIPT_LETTER = /^[\p{L}\p{M}]$/u;
const LATIN_CYRILLIC_GREEK = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]$/u;
const WAVING_BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

interface Classified {
  readonly type: Exclude<HiddenType, 'mixed_script'>;
  readonly score: number;
}

interface CodePoint {
  readonly cp: number;
  readonly index: number;
  readonly width: number;
}

function toCodePoints(text: string): CodePoint[] {
  const out: CodePoint[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    out.push({ cp, index: i, width });
    i += width;
  }
  return out;
}

function isEmojiish(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  const ch = String.fromCodePoint(cp);
  return EXTENDED_PICTOGRAPHIC.test(ch) || EMOJI_MODIFIER.test(ch);
}

function isJoiningScriptLetter(cp: number | undefined): boolean {
  if (cp === undefined || cp < 0x80) return false;
  const ch = String.fromCodePoint(cp);
  return JOINING_SCRIPT_LETTER.test(ch) && !LATIN_CYRILLIC_GREEK.test(ch);
}

/** The code point before `at`, skipping variation selectors and emoji modifiers that decorate it. */
function baseBefore(cps: readonly CodePoint[], at: number): number | undefined {
  for (let k = at - 1; k >= 0; k--) {
    const cp = (cps[k] as CodePoint).cp;
    if (!isVariationSelector(cp)) return cp;
  }
  return undefined;
}

/**
 * Bidi controls that open or close without a partner on the same line. Trojan-Source style attacks
 * leave an override open so the rest of the line renders reversed; balanced pairs are still reported
 * (they reorder what the reader sees) but with a lower score.
 */
function unbalancedBidi(cps: readonly CodePoint[]): Set<number> {
  const unbalanced = new Set<number>();
  let embeddings: number[] = [];
  let isolates: number[] = [];
  const flush = (): void => {
    for (const k of embeddings) unbalanced.add(k);
    for (const k of isolates) unbalanced.add(k);
    embeddings = [];
    isolates = [];
  };
  cps.forEach(({ cp }, k) => {
    if (cp === 0x0a || cp === 0x0d || cp === 0x2029) flush();
    else if (cp === 0x202a || cp === 0x202b || cp === 0x202d || cp === 0x202e) embeddings.push(k);
    else if (cp === 0x202c) {
      if (embeddings.pop() === undefined) unbalanced.add(k);
    } else if (cp >= 0x2066 && cp <= 0x2068) isolates.push(k);
    else if (cp === 0x2069) {
      if (isolates.pop() === undefined) unbalanced.add(k);
    }
  });
  flush();
  return unbalanced;
}

/** Positions of tag characters that spell a legitimate emoji tag sequence (subdivision flags). */
function flagTagSequences(cps: readonly CodePoint[]): Set<number> {
  const legit = new Set<number>();
  for (let k = 0; k < cps.length; k++) {
    if ((cps[k] as CodePoint).cp !== WAVING_BLACK_FLAG) continue;
    let end = k + 1;
    while (end < cps.length && isTagCharacter((cps[end] as CodePoint).cp)) end++;
    const length = end - k - 1;
    // A subdivision code is 2–6 tag letters plus CANCEL TAG; anything longer is carrying a payload.
    if (length >= 3 && length <= 7 && (cps[end - 1] as CodePoint).cp === CANCEL_TAG) {
      for (let t = k + 1; t < end; t++) legit.add(t);
    }
  }
  return legit;
}

function classify(
  cps: readonly CodePoint[],
  k: number,
  unbalanced: ReadonlySet<number>,
  legitTags: ReadonlySet<number>,
): Classified | undefined {
  const { cp } = cps[k] as CodePoint;
  if (cp >= 0x20 && cp < 0x7f) return undefined;
  if (isControl(cp)) return { type: 'control', score: 0.8 };
  if (isBidiControl(cp)) return { type: 'bidi_override', score: unbalanced.has(k) ? 0.95 : 0.6 };
  if (cp === 0xfeff && k === 0) return undefined; // byte order mark
  if (isZeroWidth(cp)) {
    const prev = cps[k - 1]?.cp;
    const next = cps[k + 1]?.cp;
    if (cp === 0x200d && isEmojiish(baseBefore(cps, k)) && isEmojiish(next)) return undefined;
    if ((cp === 0x200c || cp === 0x200d) && (isJoiningScriptLetter(prev) || isJoiningScriptLetter(next))) {
      return undefined;
    }
    return { type: 'zero_width', score: 0.8 };
  }
  if (isTagCharacter(cp)) return legitTags.has(k) ? undefined : { type: 'invisible', score: 0.95 };
  if (isVariationSelector(cp)) {
    const base = cps[k - 1]?.cp;
    if (cp <= 0xfe0f && base !== undefined && !isVariationSelector(base)) {
      // Emoji/text presentation selectors after emoji, keycap digits and symbols are ordinary.
      if (isEmojiish(base) || (base < 0x80 && /[0-9#*]/.test(String.fromCodePoint(base)))) return undefined;
      if (base >= 0x2000 && !/\p{L}/u.test(String.fromCodePoint(base))) return undefined;
    }
    if (cp >= 0xe0100 && base !== undefined && HAN.test(String.fromCodePoint(base))) return undefined;
    return { type: 'invisible', score: 0.7 };
  }
  if (isBlankLetter(cp)) return { type: 'invisible', score: 0.7 };
  if (isFormat(cp)) {
    // LRM/RLM/ALM are routine in right-to-left text; still surfaced, but weakly.
    const mark = cp === 0x200e || cp === 0x200f || cp === 0x061c;
    return { type: 'invisible', score: mark ? 0.3 : 0.6 };
  }
  return undefined;
}

function hiddenCharacterFindings(text: string): Finding[] {
  const cps = toCodePoints(text);
  const unbalanced = unbalancedBidi(cps);
  const legitTags = flagTagSequences(cps);
  const findings: Finding[] = [];
  let run: { type: Classified['type']; start: number; end: number; score: number } | undefined;
  const close = (): void => {
    if (run === undefined) return;
    findings.push({
      kind: 'hidden',
      type: run.type,
      span: { start: run.start, end: run.end },
      score: run.score,
      detector: DETECTOR,
    });
    run = undefined;
  };
  for (let k = 0; k < cps.length; k++) {
    const { index, width } = cps[k] as CodePoint;
    const found = classify(cps, k, unbalanced, legitTags);
    if (found === undefined) {
      close();
      continue;
    }
    if (run !== undefined && run.type === found.type && run.end === index) {
      run.end = index + width;
      run.score = Math.max(run.score, found.score);
    } else {
      close();
      run = { type: found.type, start: index, end: index + width, score: found.score };
    }
  }
  close();
  return findings;
}

/** Words mixing Latin letters with Cyrillic/Greek ones ("раypal"): a homoglyph spoof of a Latin word. */
function mixedScriptFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!LATIN.test(word) || !CYRILLIC_OR_GREEK.test(word)) continue;
    let foreign = 0;
    let lookAlike = 0;
    for (const ch of word) {
      if (!CYRILLIC_OR_GREEK.test(ch)) continue;
      foreign++;
      if (isConfusableLetter(ch)) lookAlike++;
    }
    findings.push({
      kind: 'hidden',
      type: 'mixed_script',
      span: { start: m.index, end: m.index + word.length },
      // Every foreign letter a look-alike means someone picked them to pass as Latin.
      score: lookAlike === foreign ? 0.9 : 0.6,
      detector: DETECTOR,
    });
  }
  return findings;
}

/** Hidden, invisible and spoofing characters, one finding per contiguous run, in text order. */
export function detectHiddenContent(text: string): Finding[] {
  if (isPlainAscii(text)) return [];
  const findings = [...hiddenCharacterFindings(text), ...mixedScriptFindings(text)];
  return findings.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}

const HIDDEN_CANDIDATE = /[^\x20-\x7e\t\n\r]/;

function isPlainAscii(text: string): boolean {
  return !HIDDEN_CANDIDATE.test(text);
}

/**
 * The text without the characters `detectHiddenContent` reports as hidden (and without a leading byte
 * order mark). Look-alike letters are visible, so mixed-script words are kept; legitimate emoji joiners
 * and subdivision-flag tags are kept too.
 */
export function stripHidden(text: string): string {
  if (isPlainAscii(text)) return text;
  let out = '';
  let from = 0;
  for (const f of hiddenCharacterFindings(text)) {
    if (f.span === undefined) continue;
    out += text.slice(from, f.span.start);
    from = f.span.end;
  }
  out += text.slice(from);
  return out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
}
