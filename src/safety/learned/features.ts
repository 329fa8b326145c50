/**
 * Feature extraction for the learned safety models: a normalization that undoes the cheap evasions
 * (full-width and mathematical letters, zero-width padding, Cyrillic/Greek look-alikes, light
 * leetspeak), hashed word and character n-grams, and a handful of dense rule features for prompt
 * attacks. The hashed block generalizes across phrasing; the rule block carries the patterns that a
 * small training set cannot teach (short "ignore previous instructions" injections, other languages).
 *
 * Everything runs in one pass over reusable typed buffers so that scoring stays allocation-light:
 * the hot path is the gateway's, which has a budget of well under a millisecond per kilobyte.
 */

export type DenseFeatureSet = 'prompt-attack' | 'none';

export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  readonly hashBits: number;
  /** Word n-gram orders, inclusive range. */
  readonly wordNgrams: readonly [number, number];
  /** Character n-gram orders, inclusive range. */
  readonly charNgrams: readonly [number, number];
  /** Which dense hand-written features follow the hash buckets. */
  readonly dense: DenseFeatureSet;
}

export interface NormalizedText {
  readonly text: string;
  /** True when invisible characters were removed or look-alikes / leetspeak were folded. */
  readonly obfuscated: boolean;
}

/** A sparse feature vector; indices may repeat (the word and character blocks share the space). */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

// ---------------------------------------------------------------------------------------------
// Normalization

/** Zero-width, bidi controls, soft hyphen, word joiners, variation selectors, BOM. */
function isInvisible(c: number): boolean {
  return (
    c === 0xad ||
    c === 0x34f ||
    c === 0x61c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0xfeff
  );
}

/**
 * Lookup tables indexed by UTF-16 code unit (0 = no fold): typed arrays rather than Maps because
 * normalization looks at every character of every text the gateway sees.
 */
function foldTable(size: number, pairs: readonly (readonly [string, string])[]): Uint16Array {
  const table = new Uint16Array(size);
  for (const [from, to] of pairs) table[from.charCodeAt(0)] = to.charCodeAt(0);
  return table;
}

/** Cyrillic and Greek lower-case letters that render like Latin ones (after lower-casing). */
const HOMOGLYPHS = foldTable(0x500, [
  ['а', 'a'],
  ['в', 'b'],
  ['е', 'e'],
  ['ё', 'e'],
  ['к', 'k'],
  ['м', 'm'],
  ['н', 'h'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['т', 't'],
  ['у', 'y'],
  ['х', 'x'],
  ['і', 'i'],
  ['ї', 'i'],
  ['ј', 'j'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  ['ɡ', 'g'],
  ['α', 'a'],
  ['β', 'b'],
  ['ε', 'e'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['ν', 'v'],
  ['ο', 'o'],
  ['ρ', 'p'],
  ['τ', 't'],
  ['υ', 'u'],
  ['χ', 'x'],
  ['ı', 'i'],
]);

const LEET = foldTable(0x80, [
  ['0', 'o'],
  ['1', 'i'],
  ['3', 'e'],
  ['4', 'a'],
  ['5', 's'],
  ['7', 't'],
  ['@', 'a'],
  ['$', 's'],
]);

function homoglyph(c: number): number {
  return c < 0x500 ? (HOMOGLYPHS[c] as number) : 0;
}

function leet(c: number): number {
  return c < 0x80 ? (LEET[c] as number) : 0;
}

function isAsciiLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Word characters for tokenization: ASCII letters and digits, and anything non-ASCII that is not
 * whitespace or punctuation. A cheap stand-in for \p{L}\p{N} that needs no regex per character.
 */
function isWordChar(c: number): boolean {
  if (c < 0x80) return isAsciiLetter(c) || isDigit(c) || c === 0x5f;
  if (c <= 0xbf || c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xd800 && c <= 0xdfff) return false; // emoji and other astral symbols, as surrogate halves
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return true;
}

let codeBuffer = new Uint16Array(4096);

function ensureCodeBuffer(length: number): Uint16Array {
  if (codeBuffer.length < length) codeBuffer = new Uint16Array(Math.max(length, codeBuffer.length * 2));
  return codeBuffer;
}

const ENTITY = /&(amp|lt|gt|quot|#39|#\d{2,6});/g;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** Phone, card, account and id numbers: their digits say nothing about intent, and leet folding garbles them. */
const NUMBER_RUN = /\+?\d[\d \-().]{6,}\d/g;

function decodeEntity(_match: string, name: string): string {
  if (name === 'amp') return '&';
  if (name === 'lt') return '<';
  if (name === 'gt') return '>';
  if (name === 'quot') return '"';
  if (name === '#39') return "'";
  const code = Number(name.slice(1));
  return code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
}

/**
 * Lower-case NFKC text with invisibles removed, URLs collapsed to a placeholder and HTML entities
 * decoded (social-media text arrives with them), Cyrillic/Greek look-alikes folded in tokens that
 * also contain Latin letters, and digits used as letters folded when a letter sits on either side.
 * Leaves genuinely non-Latin text alone: folding whole Russian words would only create noise.
 */
export function normalizeForFeatures(raw: string): NormalizedText {
  let text = raw;
  if (text.includes('&')) text = text.replace(ENTITY, decodeEntity);
  if (text.includes('http') || text.includes('www.')) text = text.replace(URL, ' url ');
  // Personal data is the PII detector's business: a message with an address is not thereby an attack.
  if (text.includes('@')) text = text.replace(EMAIL, ' email ');
  if (/\d{3}/.test(text)) text = text.replace(NUMBER_RUN, ' number ');
  text = text.normalize('NFKC').toLowerCase();
  const codes = ensureCodeBuffer(text.length);
  let length = 0;
  let obfuscated = false;
  let changed = false;
  // Only digits, '@', '$' and non-ASCII characters can need folding: plain text skips the token pass.
  let foldable = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      if (isInvisible(c)) {
        obfuscated = true;
        changed = true;
        continue;
      }
      foldable = true;
    } else if (c === 0x09 || c === 0x0a || c === 0x0d) {
      codes[length] = 0x20;
      length += 1;
      changed = true;
      continue;
    } else if (leet(c) !== 0) foldable = true;
    codes[length] = c;
    length += 1;
  }
  // Token pass: decide folding per token so that mixed-script and leet tricks are undone.
  let start = foldable ? 0 : length;
  while (start < length) {
    const first = codes[start] as number;
    if (!isWordChar(first) && leet(first) === 0) {
      start += 1;
      continue;
    }
    let end = start;
    let latin = 0;
    while (end < length) {
      const c = codes[end] as number;
      if (!isWordChar(c) && leet(c) === 0) break;
      if (isAsciiLetter(c)) latin += 1;
      end += 1;
    }
    if (latin > 0) {
      for (let i = start; i < end; i += 1) {
        const c = codes[i] as number;
        const glyph = homoglyph(c);
        if (glyph !== 0) {
          codes[i] = glyph;
          obfuscated = true;
          changed = true;
          continue;
        }
        const folded = leet(c);
        if (folded === 0) continue;
        const before = i > start ? (codes[i - 1] as number) : 0;
        const after = i + 1 < end ? (codes[i + 1] as number) : 0;
        const afterNext = i + 2 < end ? (codes[i + 2] as number) : 0;
        // A letter on both sides ("h4ck", "1gn0re"; the left one may already be folded, the right one
        // may be another leet symbol before a letter, "10ns") or a leading symbol before two letters.
        const inside =
          isAsciiLetter(before) && (isAsciiLetter(after) || (leet(after) !== 0 && isAsciiLetter(afterNext)));
        const leading =
          i === start && isAsciiLetter(after) && i + 2 < end && isAsciiLetter(codes[i + 2] as number);
        if (inside || leading) {
          codes[i] = folded;
          obfuscated = true;
          changed = true;
        }
      }
    }
    start = end;
  }
  return { text: changed ? codesToString(codes, length) : text, obfuscated };
}

function codesToString(codes: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 8192)) as never);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rule features (prompt attacks)

export interface AttackRule {
  readonly name: string;
  readonly pattern: RegExp;
  /**
   * Confidence when the rule alone fires, or 0 for weak evidence that only feeds the model. Only
   * rules whose matches are nearly never benign get a non-zero value.
   */
  readonly strength: number;
}

const INSTRUCTION_NOUN =
  '(?:instructions?|rules|guidelines|directions|directives|prompts?|commands|context|constraints|restrictions|programming|polic(?:y|ies)|guardrails|safeguards|filters|messages|conversation|text|orders)';

/**
 * Patterns are written for normalized text (lower case, single spaces not guaranteed) and keep every
 * gap bounded so that matching stays linear on long inputs.
 */
export const ATTACK_RULES: readonly AttackRule[] = [
  {
    name: 'ignore_instructions',
    pattern: new RegExp(
      `\\b(?:ignore|disregard|forget|skip|override|bypass|neglect|abandon|drop|discard|set aside)\\s+(?:(?:all|any|every|each|the|your|my|of|these|those|its|our|previous|prior|above|earlier|preceding|former|initial|original|old|system|current|given|existing|other|safety|content)\\s+){0,4}${INSTRUCTION_NOUN}\\b`,
      'i',
    ),
    strength: 0.9,
  },
  {
    name: 'ignore_instructions_i18n',
    pattern:
      /\b(?:ignorier(?:e|en)?|vergiss|vergessen sie)\s+(?:\S+\s+){0,3}(?:anweisungen|instruktionen|regeln|befehle|vorgaben)\b|\bvergiss\s+alles\b|\bignora\s+(?:\S+\s+){0,3}(?:instrucciones|reglas|istruzioni|regole)\b|\bignore[rz]?\s+(?:\S+\s+){0,3}(?:consignes|règles)\b|\boublie[rz]?\s+(?:tout|toutes)\b|\bolvida\s+(?:todo|todas)\b/i,
    strength: 0.85,
  },
  {
    name: 'new_instructions',
    pattern:
      /\b(?:your|the)\s+new\s+(?:instructions|task|rules|goal)\s+(?:is|are)\b|\bnew\s+instructions\s*:|\bfrom now on,?\s+(?:you|ignore|disregard|respond|answer|only)\b/i,
    strength: 0,
  },
  {
    name: 'unbound',
    pattern:
      /\b(?:no longer|not|never)\s+(?:be\s+)?(?:bound|restricted|limited|constrained)\s+by\b|\bbroken free\b|\bfree(?:d)? (?:from|of) (?:the |any |all )?(?:typical |usual )?(?:confines|restrictions|rules|limitations|constraints|shackles)\b|\b(?:do|does|will|must|need|should)(?:n't| not)\s+(?:have to\s+|need to\s+)?(?:follow|obey|abide by|adhere to|comply with)\s+(?:any\s+)?(?:of\s+)?(?:the\s+|your\s+|their\s+)?(?:rules|guidelines|polic(?:y|ies)|restrictions|ethics|laws|filters)\b/i,
    strength: 0,
  },
  {
    name: 'no_restrictions',
    pattern:
      /\b(?:no|without(?: any)?|zero|free of|ignores? all)\s+(?:ethical\s+|moral\s+|content\s+)?(?:restrictions|limitations|limits|filters|filtering|censorship|boundaries|guidelines|morals|ethics|rules)\b|\b(?:unfiltered|uncensored|unrestricted|amoral|unethical|immoral|unhinged)\b/i,
    strength: 0,
  },
  {
    name: 'roleplay_jailbreak',
    pattern:
      /\b(?:dan|mongo tom|betterdan|anti-?dan|evil ?bot|jailbreak|jailbroken|jail ?broken)\b|\bdo anything now\b|\bdeveloper mode\b|\bdev mode\b|\bgod ?mode\b|\bstay (?:in|true to your) character\b|\bbreak(?:ing)? character\b|\bcharacter break\b|\bopen ?ai(?:'s)? (?:content )?polic(?:y|ies)\b|\bcontent polic(?:y|ies)\b/i,
    strength: 0,
  },
  {
    name: 'two_responses',
    pattern:
      /\b(?:two|2|both) (?:different |separate )?(?:responses|answers|paragraphs|ways)\b|\[(?:🔒|🔓)?\s*(?:classic|jailbreak|normal|developer mode output)\]/i,
    strength: 0,
  },
  {
    name: 'system_prompt_exfiltration',
    pattern:
      /\b(?:reveal|show|print|output|repeat|display|tell me|leak|give me|share|dump|return|what (?:is|are|was|were))\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?(?:your|the)\s+(?:(?:full|complete|exact|entire|original|initial|hidden|secret|internal)\s+){0,2}(?:system|initial|original|hidden|secret|pre-?)\s*(?:prompt|instructions|message|rules|configuration)\b|\brepeat (?:the|all)? ?(?:words|text|everything) (?:above|before)\b|\b(?:reveal|tell me|give me|what is) (?:the|your) (?:secret )?password\b/i,
    strength: 0.85,
  },
  {
    name: 'persona_switch',
    pattern:
      /\byou (?:are|will be|'re) (?:now|going to|about to) (?:be |act|pretend|play|become|roleplay|simulate)|\bpretend (?:to be|you are|that you)\b|\bact as (?:if|though)\b|\bfrom now on\b|\bsimulate\b|\bhypothetical(?:ly)?\b|\bfictional (?:world|scenario|setting)\b|\bfor educational purposes\b/i,
    strength: 0,
  },
  {
    name: 'ai_addressed',
    pattern:
      /\b(?:ai|assistant|chatbot|chat ?gpt|gpt|llm|language model|model|bot|copilot|claude|gemini)\s*:|\b(?:dear|hey|attention|note to|message (?:to|for)|instructions? (?:to|for)) (?:the )?(?:ai|assistant|chatbot|chatgpt|gpt|llm|language model|model|bot)\b|\bas an? (?:ai|language model|llm|assistant)\b|\b(?:if you are|if you're) an? (?:ai|llm|language model|assistant|bot)\b/i,
    strength: 0,
  },
  {
    name: 'response_injection',
    pattern:
      /\b(?:in|to|into|within|at the (?:end|start|beginning) of) (?:your|the) (?:response|reply|answer|output|summary|code implementation|implementation|code|algorithm|solution)\b|\b(?:include|insert|add|append|incorporate|embed|ensure)\s+(?:\S+\s+){0,2}(?:following|below|this) (?:code|snippet|link|text|sentence|message|url)\b/i,
    strength: 0,
  },
  {
    name: 'fake_delimiter',
    pattern:
      /<\|?(?:im_start|im_end|system|endoftext)\|?>|\[\/?(?:system|inst)\]|<<\/?sys>>|#{2,}\s*(?:system|instruction|new instruction)s?\b|<\/?system>|\b(?:end of|ignore the) (?:prompt|instructions|context)\b|^\s*system\s*:/im,
    strength: 0,
  },
  {
    name: 'override_priority',
    pattern:
      /\b(?:this|these|the following) (?:instruction|instructions|message|rule)s? (?:take|takes|has|have) (?:priority|precedence)\b|\b(?:most|highest|top) (?:important|priority) (?:instruction|rule)\b|\boverrides? (?:all|any|every|previous)\b/i,
    strength: 0,
  },
];

const BASE64_RUN = /[a-z0-9+/]{48,}={0,2}/i;
const HEX_RUN = /\b(?:[0-9a-f]{2}\s?){40,}\b/i;

/** Rule features and length buckets, in this order after the hash buckets. */
export const PROMPT_ATTACK_DENSE_FEATURES: readonly string[] = [
  ...ATTACK_RULES.map((rule) => `rule:${rule.name}`),
  'encoded_payload',
  'obfuscated',
  'length:<100',
  'length:<400',
  'length:<1500',
  'length:>=1500',
];

export function denseFeatureNames(set: DenseFeatureSet): readonly string[] {
  return set === 'prompt-attack' ? PROMPT_ATTACK_DENSE_FEATURES : [];
}

export interface RuleMatch {
  readonly rule: AttackRule;
  readonly start: number;
  readonly end: number;
}

/**
 * The strongest rule match in `text` (the raw text, so that offsets are the caller's), or undefined.
 * Among equal-strength rules the earliest in ATTACK_RULES wins.
 */
export function strongestRuleMatch(text: string, minStrength = 0): RuleMatch | undefined {
  let best: RuleMatch | undefined;
  for (const rule of ATTACK_RULES) {
    if (rule.strength < minStrength || (best !== undefined && rule.strength <= best.rule.strength)) continue;
    const match = rule.pattern.exec(text);
    if (match !== null) best = { rule, start: match.index, end: match.index + match[0].length };
  }
  return best;
}

function writePromptAttackDense(normalized: NormalizedText, rawLength: number, out: Float32Array): void {
  const text = normalized.text;
  let i = 0;
  for (const rule of ATTACK_RULES) {
    out[i] = rule.pattern.test(text) ? 1 : 0;
    i += 1;
  }
  out[i] = BASE64_RUN.test(text) || HEX_RUN.test(text) ? 1 : 0;
  out[i + 1] = normalized.obfuscated ? 1 : 0;
  out[i + 2] = rawLength < 100 ? 1 : 0;
  out[i + 3] = rawLength >= 100 && rawLength < 400 ? 1 : 0;
  out[i + 4] = rawLength >= 400 && rawLength < 1500 ? 1 : 0;
  out[i + 5] = rawLength >= 1500 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Hashing

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's finalizer: FNV's low bits are weak, and the bucket is taken from the low bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string; exported for tests and tooling. */
export function fnv1a(text: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const WORD_SEED = 0x9e3779b9;
const CHAR_SEED = 0x7f4a7c15;

/** 1 + ln(count) for small counts, which is nearly all of them. */
const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, count) =>
  count === 0 ? 0 : 1 + Math.log(count),
);

function sublinearTf(count: number): number {
  return count < 256 ? (SUBLINEAR_TF[count] as number) : 1 + Math.log(count);
}

/**
 * Counts per key (n-gram hashes, or a model's buckets) in a small open-addressing table, kept in
 * first-seen order, so that the memory touched per text is proportional to the text rather than to the
 * number of buckets (a dense count array over 2^18 buckets costs a cache miss per n-gram). Reused
 * across texts: `reset` clears only the slots in use.
 */
class CountTable {
  keys = new Uint32Array(2048);
  counts = new Uint32Array(2048);
  size = 0;
  /** Index into keys/counts per table slot, -1 when empty; `slots[i]` is the slot of entry i. */
  private table = new Int32Array(4096).fill(-1);
  private slots = new Int32Array(2048);

  reset(): void {
    for (let i = 0; i < this.size; i += 1) this.table[this.slots[i] as number] = -1;
    this.size = 0;
  }

  /** The table slot holding `key`, or the empty slot where it belongs. */
  private slotOf(key: number): number {
    const mask = this.table.length - 1;
    let slot = fmix32(key) & mask;
    for (;;) {
      const at = this.table[slot] as number;
      if (at === -1 || this.keys[at] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  add(key: number, count = 1): void {
    let slot = this.slotOf(key);
    const at = this.table[slot] as number;
    if (at !== -1) {
      this.counts[at] = (this.counts[at] as number) + count;
      return;
    }
    if ((this.size + 1) * 2 > this.table.length) {
      this.grow();
      slot = this.slotOf(key);
    }
    const i = this.size;
    this.table[slot] = i;
    this.slots[i] = slot;
    this.keys[i] = key;
    this.counts[i] = count;
    this.size += 1;
  }

  /** Doubles the table and the entry arrays (entries stay at most half the table). */
  private grow(): void {
    const keys = new Uint32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const counts = new Uint32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
    this.slots = new Int32Array(this.slots.length * 2);
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    for (let i = 0; i < this.size; i += 1) {
      const slot = this.slotOf(this.keys[i] as number);
      this.table[slot] = i;
      this.slots[i] = slot;
    }
  }
}

/**
 * Calls `emit(bucket, value)` for every bucket of the table with sublinear tf (1 + ln count) scaled so
 * that the block's L2 norm is `norm`, then resets it. Buckets come out in first-seen order, which keeps
 * output deterministic.
 */
function flushBlock(buckets: CountTable, norm: number, emit: (bucket: number, value: number) => void): void {
  let sum = 0;
  for (let i = 0; i < buckets.size; i += 1) {
    const tf = sublinearTf(buckets.counts[i] as number);
    sum += tf * tf;
  }
  const scale = sum > 0 ? norm / Math.sqrt(sum) : 0;
  for (let i = 0; i < buckets.size; i += 1) {
    emit(buckets.keys[i] as number, sublinearTf(buckets.counts[i] as number) * scale);
  }
  buckets.reset();
}

/**
 * The distinct 32-bit n-gram hashes of a text with their counts, per block. A model takes its bucket
 * as `hash & (buckets - 1)`, so counting the full hashes once serves every hash size.
 */
interface NgramCounts {
  readonly word: CountTable;
  readonly char: CountTable;
}

/** Scratch space of `ngramCounts`, and what it last counted (so a second model reuses the pass). */
const scratch = {
  counts: { word: new CountTable(), char: new CountTable() } as NgramCounts,
  history: new Uint32Array(8),
  text: undefined as NormalizedText | undefined,
  /** The n-gram orders it counted: word min, word max, char min, char max. */
  orders: new Int32Array(4),
};

/**
 * Counts the hashed word and character n-grams of a normalized text. The result lives in shared scratch
 * buffers, valid until the next call with another text: the toxicity and prompt-attack models both read
 * the same normalized text, so the gateway hashes it once.
 */
function ngramCounts(
  norm: NormalizedText,
  wordNgrams: readonly [number, number],
  charNgrams: readonly [number, number],
): NgramCounts {
  const orders = scratch.orders;
  if (
    scratch.text === norm &&
    orders[0] === wordNgrams[0] &&
    orders[1] === wordNgrams[1] &&
    orders[2] === charNgrams[0] &&
    orders[3] === charNgrams[1]
  ) {
    return scratch.counts;
  }
  const { word, char } = scratch.counts;
  word.reset();
  char.reset();
  const text = norm.text;

  // Word n-grams: hash each token incrementally, then combine the last `maxOrder` token hashes.
  const [minWord, maxWord] = wordNgrams;
  if (scratch.history.length < maxWord) scratch.history = new Uint32Array(maxWord);
  const history = scratch.history.fill(0);
  let seen = 0;
  let h = 0;
  let inToken = false;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    if (isWordChar(c)) {
      h = inToken ? Math.imul(h ^ c, FNV_PRIME) : Math.imul((FNV_OFFSET ^ c) >>> 0, FNV_PRIME);
      inToken = true;
      continue;
    }
    if (!inToken) continue;
    inToken = false;
    for (let k = maxWord - 1; k > 0; k -= 1) history[k] = history[k - 1] as number;
    history[0] = h >>> 0;
    seen += 1;
    let combined = WORD_SEED;
    for (let order = 1; order <= Math.min(maxWord, seen); order += 1) {
      combined = Math.imul(combined ^ (history[order - 1] as number), FNV_PRIME) ^ order;
      if (order >= minWord) word.add(fmix32(combined));
    }
  }

  // Character n-grams over the text with runs of spaces collapsed and a space at each end.
  const [minChar, maxChar] = charNgrams;
  const codes = ensureCodeBuffer(text.length + 2);
  let length = 0;
  codes[length++] = 0x20;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x20 && codes[length - 1] === 0x20) continue;
    codes[length++] = c;
  }
  if (codes[length - 1] !== 0x20) codes[length++] = 0x20;
  for (let i = 0; i + minChar <= length; i += 1) {
    let g = CHAR_SEED;
    const last = Math.min(maxChar, length - i);
    for (let n = 0; n < last; n += 1) {
      g = Math.imul(g ^ (codes[i + n] as number), FNV_PRIME);
      if (n + 1 >= minChar) char.add(fmix32(g ^ (n + 1)));
    }
  }
  scratch.text = norm;
  orders.set([wordNgrams[0], wordNgrams[1], charNgrams[0], charNgrams[1]]);
  return scratch.counts;
}

/**
 * Turns texts into feature vectors for one configuration. Instances hold scratch buffers and are not
 * re-entrant; JavaScript's single thread makes one shared instance per model safe.
 */
export class FeatureExtractor {
  readonly config: FeatureConfig;
  readonly bucketCount: number;
  readonly denseNames: readonly string[];
  /** Hash buckets followed by the dense features. */
  readonly dimension: number;
  private readonly mask: number;
  private readonly buckets: CountTable;
  private readonly dense: Float32Array;

  constructor(config: FeatureConfig) {
    if (!Number.isInteger(config.hashBits) || config.hashBits < 4 || config.hashBits > 24) {
      throw new Error(`hashBits must be an integer in [4, 24], got ${config.hashBits}`);
    }
    this.config = config;
    this.bucketCount = 2 ** config.hashBits;
    this.mask = this.bucketCount - 1;
    this.denseNames = denseFeatureNames(config.dense);
    this.dimension = this.bucketCount + this.denseNames.length;
    this.buckets = new CountTable();
    this.dense = new Float32Array(this.denseNames.length);
  }

  /**
   * Visits every non-zero feature of `raw` once per block: `emit(index, value)`. The word block and
   * the character block are each L2-normalized to 1/√2 so neither drowns the other (character grams
   * are several times more numerous); dense features come last with their raw values. Models that
   * share n-gram orders share the hashing pass (see `ngramCounts`) and differ only in the projection.
   */
  forEachFeature(
    raw: string,
    emit: (index: number, value: number) => void,
    normalized?: NormalizedText,
  ): void {
    const norm = normalized ?? normalizeForFeatures(raw);
    const counts = ngramCounts(norm, this.config.wordNgrams, this.config.charNgrams);
    const buckets = this.buckets;
    const mask = this.mask;
    for (const block of [counts.word, counts.char]) {
      for (let i = 0; i < block.size; i += 1) {
        buckets.add((block.keys[i] as number) & mask, block.counts[i] as number);
      }
      flushBlock(buckets, Math.SQRT1_2, emit);
    }

    if (this.config.dense === 'prompt-attack') {
      writePromptAttackDense(norm, raw.length, this.dense);
      for (let i = 0; i < this.dense.length; i += 1) {
        const value = this.dense[i] as number;
        if (value !== 0) emit(this.bucketCount + i, value);
      }
    }
  }

  /** A standalone vector (copies out of the scratch buffers); for training and tests. */
  extract(raw: string): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    this.forEachFeature(raw, (index, value) => {
      indices.push(index);
      values.push(value);
    });
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }

  /** w·x for a dense weight vector, without materializing x: the scoring hot path. */
  dot(raw: string, weights: Float32Array, normalized?: NormalizedText): number {
    let sum = 0;
    this.forEachFeature(
      raw,
      (index, value) => {
        sum += (weights[index] as number) * value;
      },
      normalized,
    );
    return sum;
  }
}
