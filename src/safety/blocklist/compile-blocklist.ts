import { type Finding } from '../finding.js';
import { buildPhraseMatcher } from '../text/aho-corasick.js';
import {
  hadLongRepeat,
  type NormalizedText,
  normalize,
  originalSpan,
  squeezeRepeats,
} from '../text/normalize.js';
import {
  BLOCKLIST_SURFACES,
  BlocklistError,
  type BlocklistMatcher,
  type BlocklistSurface,
  type BlocklistTerm,
  MAX_REGEX_PATTERN_LENGTH,
  blocklistTermSchema,
} from './blocklist.js';
import { unsafeRegexReason } from './regex-safety.js';

const DETECTOR = 'blocklist';
/**
 * Regex terms run over windows of this many characters (overlapping by REGEX_WINDOW_OVERLAP), so even
 * a polynomial pattern that slipped through the screen is bounded per window, and long texts are
 * still covered end to end. Matches longer than the overlap that straddle a window edge are missed.
 */
export const REGEX_WINDOW = 2048;
export const REGEX_WINDOW_OVERLAP = 256;

interface PlainPattern {
  readonly termIndex: number;
  /** Squeezed spelling ("kil" for "kill"): only valid where the original had a long letter run. */
  readonly squeezed: boolean;
}

interface CompiledRegex {
  readonly termIndex: number;
  readonly regex: RegExp;
}

const surfaceBit = (surface: BlocklistSurface): number => 1 << BLOCKLIST_SURFACES.indexOf(surface);

function validate(raw: unknown, index: number): BlocklistTerm {
  const parsed = blocklistTermSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : `#${index}`;
  throw new BlocklistError(id, `invalid term: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
}

function compileRegex(term: BlocklistTerm): RegExp {
  if (term.pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    throw new BlocklistError(term.id, `regex longer than ${MAX_REGEX_PATTERN_LENGTH} characters`);
  }
  const flags = term.caseSensitive === true ? 'gu' : 'giu';
  let regex: RegExp;
  try {
    regex = new RegExp(term.pattern, flags);
  } catch (err) {
    throw new BlocklistError(term.id, `invalid regex: ${err instanceof Error ? err.message : String(err)}`);
  }
  const unsafe = unsafeRegexReason(term.pattern, flags);
  if (unsafe !== undefined) throw new BlocklistError(term.id, `unsafe regex: ${unsafe}`);
  return regex;
}

/** Plain terms as one automaton over one normalization of the text (lower-cased or case-kept). */
function plainMatcher(terms: readonly BlocklistTerm[], indexes: readonly number[], preserveCase: boolean) {
  const patterns: string[] = [];
  const meta: PlainPattern[] = [];
  for (const termIndex of indexes) {
    const term = terms[termIndex] as BlocklistTerm;
    const phrase = normalize(term.pattern, { preserveCase }).text.trim();
    if (phrase.length === 0) throw new BlocklistError(term.id, 'pattern is empty after normalization');
    patterns.push(phrase);
    meta.push({ termIndex, squeezed: false });
    const short = squeezeRepeats(phrase);
    if (short !== phrase) {
      patterns.push(short);
      meta.push({ termIndex, squeezed: true });
    }
  }
  const matcher = buildPhraseMatcher(patterns);
  return { matcher, meta };
}

/**
 * Compiles curator terms into one matcher. Plain terms are normalized exactly like the input, so an
 * evasion (homoglyphs, leetspeak, zero-width splits, spacing) of a listed term still matches, and are
 * found by a single Aho–Corasick pass however many there are. Regex terms are screened for
 * catastrophic backtracking here, at compile time, and rejected with the offending term id.
 */
export function compileBlocklist(input: readonly unknown[]): BlocklistMatcher {
  const terms = input.map(validate);
  const ids = new Set<string>();
  for (const term of terms) {
    if (ids.has(term.id)) throw new BlocklistError(term.id, 'duplicate term id');
    ids.add(term.id);
  }
  const surfaces = terms.map((t) => t.surfaces.reduce((mask, s) => mask | surfaceBit(s), 0));
  const plain = terms.flatMap((t, i) => (t.kind === 'plain' ? [i] : []));
  const insensitive = plainMatcher(
    terms,
    plain.filter((i) => terms[i]?.caseSensitive !== true),
    false,
  );
  const sensitiveIndexes = plain.filter((i) => terms[i]?.caseSensitive === true);
  const sensitive = sensitiveIndexes.length > 0 ? plainMatcher(terms, sensitiveIndexes, true) : undefined;
  const regexes: CompiledRegex[] = terms.flatMap((t, termIndex) =>
    t.kind === 'regex' ? [{ termIndex, regex: compileRegex(t) }] : [],
  );
  const anyRegexCaseSensitive = regexes.some((r) => terms[r.termIndex]?.caseSensitive === true);

  return {
    match(text: string, surface: BlocklistSurface, normalized?: NormalizedText): Finding[] {
      const bit = surfaceBit(surface);
      const found = new Map<string, Finding>();
      const add = (termIndex: number, norm: NormalizedText, start: number, end: number): void => {
        const id = (terms[termIndex] as BlocklistTerm).id;
        const span = originalSpan(text, norm, start, end);
        const key = `${id}:${span.start}:${span.end}`;
        if (!found.has(key))
          found.set(key, { kind: 'blocklist', type: id, span, score: 1, detector: DETECTOR });
      };

      const lower = normalized ?? normalize(text);
      const cased =
        sensitive !== undefined || anyRegexCaseSensitive ? normalize(text, { preserveCase: true }) : lower;
      const runPlain = (m: typeof insensitive, norm: NormalizedText): void => {
        for (const hit of m.matcher.matchAll(norm.text)) {
          const meta = m.meta[hit.pattern] as PlainPattern;
          if (((surfaces[meta.termIndex] ?? 0) & bit) === 0) continue;
          if (meta.squeezed && !hadLongRepeat(text, originalSpan(text, norm, hit.start, hit.end))) continue;
          add(meta.termIndex, norm, hit.start, hit.end);
        }
      };
      runPlain(insensitive, lower);
      if (sensitive !== undefined) runPlain(sensitive, cased);

      for (const { termIndex, regex } of regexes) {
        if (((surfaces[termIndex] ?? 0) & bit) === 0) continue;
        const norm = terms[termIndex]?.caseSensitive === true ? cased : lower;
        for (const [start, end] of regexMatches(regex, norm.text)) add(termIndex, norm, start, end);
      }
      return [...found.values()].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
    },
  };
}

function* regexMatches(regex: RegExp, text: string): Generator<[number, number]> {
  const step = REGEX_WINDOW - REGEX_WINDOW_OVERLAP;
  for (let offset = 0; offset < text.length; offset += step) {
    const window = text.slice(offset, offset + REGEX_WINDOW);
    regex.lastIndex = 0;
    for (let m = regex.exec(window); m !== null; m = regex.exec(window)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      yield [offset + m.index, offset + m.index + m[0].length];
    }
    if (offset + REGEX_WINDOW >= text.length) break;
  }
}
