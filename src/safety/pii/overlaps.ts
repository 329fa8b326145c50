import { type Finding, type Span } from '../finding.js';

type SpanFinding = Finding & { readonly span: Span };

function length(f: SpanFinding): number {
  return f.span.end - f.span.start;
}

function contains(a: Span, b: Span): boolean {
  return a.start <= b.start && b.end <= a.end;
}

/** Better of two findings for the same text: higher score, then longer span, then earlier start. */
function better(a: SpanFinding, b: SpanFinding): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (length(a) !== length(b)) return length(a) > length(b);
  return a.span.start < b.span.start;
}

/**
 * Leaves at most one finding per stretch of text. A finding strictly inside another is dropped
 * whatever its score: the e-mail inside a URL, the phone-like digits inside an IBAN or card, the IPv4
 * tail of an IPv6 address are parts of the larger thing. Partially overlapping findings are then
 * settled by score, then length. Result is sorted by start.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const spanned = findings.filter((f): f is SpanFinding => f.span !== undefined);
  // Sorting by start, then longest first, puts every container before what it contains.
  spanned.sort((a, b) => a.span.start - b.span.start || length(b) - length(a) || b.score - a.score);
  const uncontained: SpanFinding[] = [];
  let reach: SpanFinding | undefined;
  for (const f of spanned) {
    // Equal spans (a 3-3-4 number read as phone and as NHS number) land here too; the sort put the
    // higher score first.
    if (reach !== undefined && contains(reach.span, f.span)) continue;
    uncontained.push(f);
    if (reach === undefined || f.span.end > reach.span.end) reach = f;
  }
  // With containment gone, starts and ends both increase along `uncontained`, so whatever overlaps
  // a finding sits right next to it: checking neighbours keeps the greedy pass near-linear.
  const order = uncontained
    .map((_, i) => i)
    .sort((i, j) => {
      const a = uncontained[i] as SpanFinding;
      const b = uncontained[j] as SpanFinding;
      return better(a, b) ? -1 : better(b, a) ? 1 : 0;
    });
  const kept = new Uint8Array(uncontained.length);
  for (const i of order) {
    const f = uncontained[i] as SpanFinding;
    let free = true;
    for (let j = i - 1; free && j >= 0 && (uncontained[j]?.span.end ?? 0) > f.span.start; j--)
      free = kept[j] !== 1;
    for (
      let j = i + 1;
      free && j < uncontained.length && (uncontained[j]?.span.start ?? 0) < f.span.end;
      j++
    ) {
      free = kept[j] !== 1;
    }
    if (free) kept[i] = 1;
  }
  return uncontained.filter((_, i) => kept[i] === 1);
}

export interface MergedSpan {
  readonly start: number;
  readonly end: number;
  /** Type of the highest-scoring finding in the merged group. */
  readonly type: string;
}

/**
 * Unions every group of overlapping spans into one, for anonymization: replacing two overlapping
 * spans separately would either leave text behind or corrupt offsets.
 */
export function mergeOverlaps(findings: readonly Finding[], textLength: number): MergedSpan[] {
  const spans = findings
    .filter((f): f is SpanFinding => f.span !== undefined)
    .map((f) => ({
      start: Math.max(0, Math.min(textLength, f.span.start)),
      end: Math.max(0, Math.min(textLength, f.span.end)),
      f,
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MergedSpan[] = [];
  let cur: { start: number; end: number; best: SpanFinding } | undefined;
  for (const s of spans) {
    if (cur !== undefined && s.start < cur.end) {
      cur.end = Math.max(cur.end, s.end);
      if (better(s.f, cur.best)) cur.best = s.f;
      continue;
    }
    if (cur !== undefined) out.push({ start: cur.start, end: cur.end, type: cur.best.type });
    cur = { start: s.start, end: s.end, best: s.f };
  }
  if (cur !== undefined) out.push({ start: cur.start, end: cur.end, type: cur.best.type });
  return out;
}
