import { type Finding, HARM_CATEGORIES, type HarmCategory } from '../finding.js';
import { buildPhraseMatcher, type PhraseMatch } from '../text/aho-corasick.js';
import {
  hadLongRepeat,
  normalize,
  type NormalizedText,
  originalSpan,
  squeezeRepeats,
} from '../text/normalize.js';
import {
  CONTEXT_MARKERS,
  type ContextMarker,
  type HitContext,
  type MarkerKind,
  hateFloorFromClassifier,
  isViolentCall,
  rateHit,
  toxicityBoost,
} from './context-rules.js';
import { matchHarmPatterns } from './harm-patterns.js';
import { HATE_TERMS } from './hate-lexicon.js';
import { harmVocabulary } from './harm-vocabulary.js';
import { LANGUAGE_LEXICONS } from './languages/language-lexicons.js';
import { type LexiconLanguage, type LexiconTerm } from './lexicon.js';
import { SELF_HARM_TERMS } from './self-harm-lexicon.js';
import { SEXUAL_TERMS } from './sexual-lexicon.js';
import { VIOLENCE_TERMS } from './violence-lexicon.js';

export interface ToxicityScores {
  readonly toxic: number;
  readonly hate: number;
}

export interface DetectHarmOptions {
  /** A learned classifier's probabilities; blended in as documented in context-rules.ts. */
  readonly toxicity?: (text: string) => ToxicityScores;
  /** `normalize(text)`, when the caller has already computed it for other detectors. */
  readonly normalized?: NormalizedText;
}

export interface HarmResult {
  /** Every category, in HARM_CATEGORIES order, with severity 0..7. */
  readonly categories: { category: HarmCategory; severity: number }[];
  /** Hits at severity ≥ 2 (Azure's "low" and up), spans in the original text. */
  readonly findings: Finding[];
}

const DETECTOR = 'harm-lexicon';
const CLASSIFIER_DETECTOR = 'harm-classifier';
const PATTERN_DETECTOR = 'harm-patterns';
/** Below Azure's "low" band a hit is vocabulary, not content worth reporting. */
const MIN_REPORTED_SEVERITY = 2;

type Payload =
  | { readonly type: 'term'; readonly term: LexiconTerm; readonly squeezed: boolean }
  | { readonly type: 'marker'; readonly kind: MarkerKind; readonly language: LexiconLanguage };

interface Compiled {
  readonly match: (text: string) => PhraseMatch[];
  readonly payloads: readonly (readonly Payload[])[];
}

/**
 * One automaton for all four lexicons and every context marker: a single scan of the normalized text
 * finds everything the rules need. Phrases are normalized like the input, and phrases with a double
 * letter also get a squeezed variant ("kil") because normalization turns "kiiiill" into "kil".
 */
function compile(): Compiled {
  const index = new Map<string, number>();
  const patterns: string[] = [];
  const payloads: Payload[][] = [];
  const seen = new Set<string>();
  const add = (phrase: string, payload: Payload, key: string): void => {
    if (phrase.length === 0 || seen.has(`${phrase}\u0000${key}`)) return;
    seen.add(`${phrase}\u0000${key}`);
    let at = index.get(phrase);
    if (at === undefined) {
      at = patterns.length;
      index.set(phrase, at);
      patterns.push(phrase);
      payloads.push([]);
    }
    (payloads[at] as Payload[]).push(payload);
  };
  const foreign = LANGUAGE_LEXICONS.flatMap((lexicon) => lexicon.terms);
  for (const term of [...HATE_TERMS, ...SEXUAL_TERMS, ...VIOLENCE_TERMS, ...SELF_HARM_TERMS, ...foreign]) {
    const phrase = normalize(term.phrase).text;
    const key = `${term.language ?? 'en'}/${term.category}/${term.role}/${term.phrase}`;
    // "xxx" normalizes to "x" like any stretched letter: it counts only where the text stretched one too.
    const stretched = /(\p{L})\1\1/u.test(term.phrase);
    add(phrase, { type: 'term', term, squeezed: stretched }, key);
    const short = squeezeRepeats(phrase);
    if (short !== phrase) add(short, { type: 'term', term, squeezed: true }, `${key}/squeezed`);
  }
  const markers: ContextMarker[] = [
    ...CONTEXT_MARKERS,
    ...LANGUAGE_LEXICONS.flatMap((lexicon) => lexicon.markers),
  ];
  for (const { phrase, kind, language } of markers) {
    add(normalize(phrase).text, { type: 'marker', kind, language }, `marker/${language}/${kind}`);
  }
  const matcher = buildPhraseMatcher(patterns);
  return { match: (text) => matcher.matchAll(text), payloads };
}

let compiled: Compiled | undefined;

interface TermHit {
  readonly term: LexiconTerm;
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  readonly lastToken: number;
}

interface MarkerHit {
  readonly kind: MarkerKind;
  readonly language: LexiconLanguage;
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  readonly lastToken: number;
}

const TOKEN = /[\p{L}\p{N}']+/gu;
const SENTENCE_END = /[.!?;\n]/;
/** Clause breaks inside a sentence: a negation does not reach past one. */
const CLAUSE_BREAK = /[,:()]/;

interface Layout {
  /** Token index covering each normalized char, or the index of the next token for gaps. */
  readonly tokenAt: Int32Array;
  /** Sentence number of each token. */
  readonly sentenceOf: number[];
  /** Clause number of each token (sentences and clause breaks both start one). */
  readonly clauseOf: number[];
  /** First token of each sentence. */
  readonly sentenceStart: number[];
}

function layout(text: string): Layout {
  const tokenAt = new Int32Array(text.length + 1);
  const sentenceOf: number[] = [];
  const clauseOf: number[] = [];
  const sentenceStart: number[] = [];
  let sentence = 0;
  let clause = 0;
  let pos = 0;
  let token = 0;
  let sentenceOpen = false;
  for (const m of text.matchAll(TOKEN)) {
    for (; pos < m.index; pos++) {
      tokenAt[pos] = token;
      const ch = text[pos] ?? '';
      if (SENTENCE_END.test(ch) && sentenceOpen) {
        sentence++;
        clause++;
        sentenceOpen = false;
      } else if (CLAUSE_BREAK.test(ch)) clause++;
    }
    if (!sentenceOpen) {
      sentenceStart[sentence] = token;
      sentenceOpen = true;
    }
    for (const end = m.index + m[0].length; pos < end; pos++) tokenAt[pos] = token;
    sentenceOf.push(sentence);
    clauseOf.push(clause);
    token++;
  }
  for (; pos <= text.length; pos++) tokenAt[pos] = token;
  return { tokenAt, sentenceOf, clauseOf, sentenceStart };
}

function contains(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return (
    outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start
  );
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function collect(
  input: string,
  norm: NormalizedText,
  lay: Layout,
): { terms: TermHit[]; markers: MarkerHit[] } {
  const c = (compiled ??= compile());
  const terms: TermHit[] = [];
  const markers: MarkerHit[] = [];
  for (const m of c.match(norm.text)) {
    const firstToken = lay.tokenAt[m.start] ?? 0;
    const lastToken = lay.tokenAt[Math.max(m.start, m.end - 1)] ?? firstToken;
    for (const p of c.payloads[m.pattern] ?? []) {
      if (p.type === 'marker') {
        markers.push({
          kind: p.kind,
          language: p.language,
          start: m.start,
          end: m.end,
          firstToken,
          lastToken,
        });
        continue;
      }
      if (p.squeezed && !hadLongRepeat(input, originalSpan(input, norm, m.start, m.end))) continue;
      terms.push({ term: p.term, start: m.start, end: m.end, firstToken, lastToken });
    }
  }
  const idioms = markers.filter((k) => k.kind === 'idiom');
  const kept = terms.filter(
    (h) => !idioms.some((i) => overlaps(i, h)) && !terms.some((o) => o !== h && contains(o, h)),
  );
  return { terms: kept, markers };
}

/** A marker kind in one language: markers count only for terms of their language. */
type MarkerKey = `${LexiconLanguage}:${MarkerKind}`;
/** Keys built once: the rules ask for them per hit, on every text. */
const KEYS = new Map<string, MarkerKey>();
function keyOf(language: LexiconLanguage, kind: MarkerKind): MarkerKey {
  const lookup = language + kind;
  let key = KEYS.get(lookup);
  if (key === undefined) KEYS.set(lookup, (key = `${language}:${kind}`));
  return key;
}

/** Markers indexed for the rules' questions, built once per text. */
interface MarkerIndex {
  readonly byKind: Map<MarkerKey, MarkerHit[]>;
  readonly bySentence: Map<number, Set<MarkerKey>>;
  readonly inText: Set<MarkerKey>;
  /** Number of double quotes before each normalized index. */
  readonly quotesBefore: Uint16Array;
}

function indexMarkers(markers: readonly MarkerHit[], lay: Layout, text: string): MarkerIndex {
  const byKind = new Map<MarkerKey, MarkerHit[]>();
  const bySentence = new Map<number, Set<MarkerKey>>();
  for (const m of markers) {
    const key = keyOf(m.language, m.kind);
    let list = byKind.get(key);
    if (list === undefined) byKind.set(key, (list = []));
    list.push(m);
    const sentence = lay.sentenceOf[m.firstToken] ?? -1;
    let kinds = bySentence.get(sentence);
    if (kinds === undefined) bySentence.set(sentence, (kinds = new Set()));
    kinds.add(key);
  }
  const quotesBefore = new Uint16Array(text.length + 1);
  for (let i = 0; i < text.length; i++)
    quotesBefore[i + 1] = (quotesBefore[i] ?? 0) + (text.charCodeAt(i) === 0x22 ? 1 : 0);
  return { byKind, bySentence, inText: new Set(byKind.keys()), quotesBefore };
}

function contextFor(
  hit: TermHit,
  index: MarkerIndex,
  lay: Layout,
  violentSentences: ReadonlySet<number>,
): HitContext {
  const sentence = lay.sentenceOf[hit.firstToken] ?? 0;
  const language = hit.term.language ?? 'en';
  return {
    before: (kind, window) =>
      (index.byKind.get(keyOf(language, kind)) ?? []).some(
        (m) =>
          m.lastToken < hit.firstToken &&
          hit.firstToken - m.lastToken - 1 <= window &&
          m.end <= hit.start &&
          lay.sentenceOf[m.lastToken] === sentence &&
          (kind !== 'negation' || lay.clauseOf[m.lastToken] === lay.clauseOf[hit.firstToken]),
      ),
    inSentence: (kind) => index.bySentence.get(sentence)?.has(keyOf(language, kind)) === true,
    inText: (kind) => index.inText.has(keyOf(language, kind)),
    startsSentence: lay.sentenceStart[sentence] === hit.firstToken,
    quoted: (index.quotesBefore[hit.start] ?? 0) % 2 === 1,
    violentCallInSentence: violentSentences.has(sentence),
  };
}

const confidence = (severity: number): number => Math.min(1, 0.45 + severity * 0.075);

/**
 * Harm severity per category (0..7, Azure AI Content Safety's scale) from curated lexicons matched on
 * normalized text, adjusted by context rules, optionally blended with a learned classifier.
 */
export function detectHarm(text: string, options?: DetectHarmOptions): HarmResult {
  const norm = options?.normalized ?? normalize(text, { vocabulary: harmVocabulary() });
  const lay = layout(norm.text);
  const { terms, markers } = collect(text, norm, lay);
  const index = indexMarkers(markers, lay, norm.text);
  // Sentences holding a violent call, computed once: slurs and dehumanizing words next to one are worse.
  const violentSentences = new Set<number>();
  for (const hit of terms) {
    if (isViolentCall(hit.term, contextFor(hit, index, lay, violentSentences))) {
      violentSentences.add(lay.sentenceOf[hit.firstToken] ?? 0);
    }
  }
  const severity = new Map<HarmCategory, number>(HARM_CATEGORIES.map((c) => [c, 0]));
  const findings: Finding[] = [];

  for (const hit of terms) {
    const rated = rateHit(hit.term, contextFor(hit, index, lay, violentSentences));
    for (const r of rated) {
      if (r.severity > (severity.get(r.category) ?? 0)) severity.set(r.category, r.severity);
      if (r.severity < MIN_REPORTED_SEVERITY) continue;
      findings.push({
        kind: 'harm',
        type: r.category,
        span: originalSpan(text, norm, hit.start, hit.end),
        score: confidence(r.severity),
        severity: r.severity,
        detector: DETECTOR,
      });
    }
  }

  for (const hit of matchHarmPatterns(norm.text)) {
    const { category, severity: rated } = hit.pattern;
    // Reported only where the sentence shape adds to what the lexicon already found.
    if (rated <= (severity.get(category) ?? 0)) continue;
    severity.set(category, rated);
    findings.push({
      kind: 'harm',
      type: category,
      span: originalSpan(text, norm, hit.start, hit.end),
      score: confidence(rated),
      severity: rated,
      detector: PATTERN_DETECTOR,
    });
  }

  if (options?.toxicity !== undefined) blendClassifier(text, options.toxicity, severity, findings);

  return {
    categories: HARM_CATEGORIES.map((category) => ({ category, severity: severity.get(category) ?? 0 })),
    findings: dedupe(findings),
  };
}

function blendClassifier(
  text: string,
  classify: (text: string) => ToxicityScores,
  severity: Map<HarmCategory, number>,
  findings: Finding[],
): void {
  const scores = classify(text);
  for (const category of HARM_CATEGORIES) {
    severity.set(category, toxicityBoost(severity.get(category) ?? 0, scores.toxic));
  }
  const floor = hateFloorFromClassifier(scores.hate, scores.toxic);
  if (floor > (severity.get('hate') ?? 0)) {
    severity.set('hate', floor);
    findings.push({
      kind: 'harm',
      type: 'hate',
      score: scores.hate,
      severity: floor,
      detector: CLASSIFIER_DETECTOR,
    });
  }
}

/** One finding per category and span: a phrase listed in two forms must not be reported twice. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.type}:${f.span?.start ?? -1}:${f.span?.end ?? -1}`;
    const prior = best.get(key);
    if (prior === undefined || (f.severity ?? 0) > (prior.severity ?? 0)) best.set(key, f);
  }
  return [...best.values()].sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1));
}
