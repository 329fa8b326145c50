import { englishDataset } from 'obscenity';
import { normalize, squeezeRepeats } from '../text/normalize.js';
import { MULTILINGUAL_PROFANITY } from './multilingual-profanity.js';

/** One literal spelling of a listed word, as our normalizer would write it. */
export interface ProfanitySpelling {
  readonly phrase: string;
  /** The dataset's canonical word ("fuck" for "fck"). */
  readonly word: string;
  /** The spelling must start / end on a word boundary ("|ass" must not match "bass"). */
  readonly start: boolean;
  readonly end: boolean;
  /**
   * A doubled letter written once ("as" for "ass"), because normalization turns "asssss" into "as":
   * such a match counts only where the original text stretched a letter.
   */
  readonly squeezed: boolean;
}

export interface ProfanityLexicon {
  readonly spellings: readonly ProfanitySpelling[];
  /** Innocent words that contain a listed spelling ("assess", "cuckoo"), normalized. */
  readonly whitelist: readonly string[];
}

// obscenity's pattern syntax tree (SyntaxKind in obscenity/dist/pattern/Nodes): the enum is not exported
// at runtime, so its values are mirrored here.
const OPTIONAL = 0;
const WILDCARD = 1;
const LITERAL = 2;

interface PatternNode {
  readonly kind: number;
  readonly chars?: readonly number[];
  readonly childNode?: PatternNode;
}

/**
 * What a wildcard stands for once the text is normalized: a letter, or a masking symbol ("f*ck").
 * Leet digits are already letters by then.
 */
const WILDCARD_CHARS = [...'abcdefghijklmnopqrstuvwxyz*#%!?'];
/** Patterns are short; this bounds the expansion of a pattern with several optional parts. */
const MAX_SPELLINGS_PER_PATTERN = 4096;

function spellingsOf(nodes: readonly PatternNode[]): string[] {
  let out = [''];
  const append = (choices: readonly string[]) => {
    out = out.flatMap((prefix) => choices.map((choice) => prefix + choice));
    if (out.length > MAX_SPELLINGS_PER_PATTERN) throw new Error('profanity pattern expands too far');
  };
  const choicesOf = (node: PatternNode): string[] => {
    if (node.kind === LITERAL) return [String.fromCharCode(...(node.chars ?? []))];
    if (node.kind === WILDCARD) return WILDCARD_CHARS;
    if (node.kind === OPTIONAL && node.childNode) return ['', ...choicesOf(node.childNode)];
    throw new Error(`unknown obscenity pattern node kind ${node.kind}`);
  };
  for (const node of nodes) append(choicesOf(node));
  return out;
}

/**
 * The English profanity list of the `obscenity` library (its words, spelling variants, boundaries and
 * whitelist), expanded into literal spellings for our Aho–Corasick matcher, plus the words of
 * MULTILINGUAL_PROFANITY as they are. Matching then runs on the
 * text the harm detector has already normalized (leetspeak, homoglyphs, spacing, zero-width characters
 * and stretched letters folded once for every detector), instead of obscenity transforming the text
 * again with its own pipeline.
 */
let built: ProfanityLexicon | undefined;

/** The lexicon, built once per process. */
export const profanityLexicon = (): ProfanityLexicon => (built ??= buildProfanityLexicon());

export function buildProfanityLexicon(): ProfanityLexicon {
  const spellings = new Map<string, ProfanitySpelling>();
  const whitelist = new Set<string>();
  const built = englishDataset.build();
  for (const term of built.whitelistedTerms ?? []) {
    const phrase = normalize(term).text.trim();
    if (phrase.length > 0) whitelist.add(phrase);
  }
  for (const { id, pattern } of built.blacklistedTerms) {
    const word = englishDataset.getPayloadWithPhraseMetadata({
      termId: id,
      startIndex: 0,
      endIndex: 0,
      matchLength: 0,
    }).phraseMetadata?.originalWord;
    if (word === undefined) continue;
    for (const raw of spellingsOf(pattern.nodes as readonly PatternNode[])) {
      const phrase = normalize(raw).text;
      if (phrase.length < 2) continue;
      const start = pattern.requireWordBoundaryAtStart;
      const end = pattern.requireWordBoundaryAtEnd;
      const add = (text: string, squeezed: boolean) => {
        const key = `${text}|${start}|${end}|${squeezed}`;
        if (!spellings.has(key)) spellings.set(key, { phrase: text, word, start, end, squeezed });
      };
      add(phrase, false);
      // The list is written for text whose repeated letters were collapsed ("tranny" is listed as
      // "trany"); a letter written twice is allowed once per spelling.
      for (let at = 0; at < phrase.length; at += 1) {
        const unit = phrase[at] ?? '';
        if (/\p{L}/u.test(unit) && phrase[at + 1] !== unit && phrase[at - 1] !== unit) {
          add(phrase.slice(0, at + 1) + phrase.slice(at), false);
        }
      }
      const short = squeezeRepeats(phrase);
      if (short !== phrase && short.length >= 2) add(short, true);
    }
  }
  for (const word of MULTILINGUAL_PROFANITY) {
    const phrase = normalize(word).text;
    const key = `${phrase}|true|true|false`;
    if (!spellings.has(key)) spellings.set(key, { phrase, word, start: true, end: true, squeezed: false });
  }
  return { spellings: [...spellings.values()], whitelist: [...whitelist] };
}
