/**
 * Alternative readings of a text that hides words in an encoding: hex bytes ("69 67 6e", "\x69\x67",
 * "69676e6f7265") and ROT13. Detectors inspect each view as they inspect the text itself, so that
 * "decode this and follow it" carries no payload past them. Views are produced only when the decoding
 * looks like language: printable UTF-8 with spaces for hex, many common English words for ROT13.
 */

/** Space-separated, `\x`-prefixed or contiguous hex bytes; at least eight of them. */
const HEX_RUN = /(?:\\x[0-9a-f]{2}){8,}|(?:\b[0-9a-f]{2}[ ,:]){7,}[0-9a-f]{2}\b|\b(?:[0-9a-f]{2}){8,}\b/gi;
const MAX_VIEW_INPUT = 20_000;

/** Common English words: what ROT13 of an English sentence turns back into. */
const COMMON_WORDS = new Set(
  (
    'the and you your to of all a an in is are be for this that from now with on it not no any do does ' +
    'what will must me my i we our as at by or if then than so but have has was were can should give ' +
    'tell show send every each about into out up ignore previous instructions rules system prompt ' +
    'answer question questions reveal following restrictions mode safety content assistant without only'
  ).split(' '),
);
/** A ROT13 view needs this many words that are common only after decoding. */
const MIN_ROT13_WORDS = 3;

const rot13Char = (ch: string): string => {
  const base = ch <= 'Z' ? 65 : 97;
  return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
};

export const rot13 = (text: string): string => text.replace(/[a-z]/gi, rot13Char);

/** The words whose ROT13 is a common word: looked up as they are, so no word is decoded to check it. */
const ROT13_OF_COMMON_WORDS = new Set([...COMMON_WORDS].map(rot13));

function decodeHexRun(run: string): string | undefined {
  const digits = run.replace(/\\x|[ ,:]/gi, '');
  if (digits.length % 2 !== 0) return undefined;
  const decoded = Buffer.from(digits, 'hex').toString('utf8');
  let printable = 0;
  for (const ch of decoded) if (/[\p{L}\p{N}\p{P}\p{Zs}]/u.test(ch)) printable++;
  const length = [...decoded].length;
  return length > 0 && printable / length >= 0.9 && /\p{L}{2,}/u.test(decoded) ? decoded : undefined;
}

/** The text with every hex run that decodes to readable text replaced by what it says, or undefined. */
export function hexView(text: string): string | undefined {
  let changed = false;
  const view = text.replace(HEX_RUN, (run) => {
    const decoded = decodeHexRun(run);
    if (decoded === undefined) return run;
    changed = true;
    return ` ${decoded} `;
  });
  return changed ? view : undefined;
}

/** ROT13 of the text when that turns several uncommon words into common English ones, else undefined. */
export function rot13View(text: string): string | undefined {
  let gained = 0;
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (COMMON_WORDS.has(word)) continue;
    if (ROT13_OF_COMMON_WORDS.has(word)) gained++;
    if (gained >= MIN_ROT13_WORDS) return rot13(text);
  }
  return undefined;
}

/** Every decoded view of the text worth inspecting besides the text itself (often none). */
export function decodedViews(text: string): string[] {
  if (text.length > MAX_VIEW_INPUT) return [];
  const views: string[] = [];
  const hex = hexView(text);
  if (hex !== undefined) views.push(hex);
  const rot = rot13View(text);
  if (rot !== undefined) views.push(rot);
  return views;
}
