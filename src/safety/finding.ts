/**
 * What every detector reports. Offsets are UTF-16 code-unit indexes into the text the detector was
 * given (JavaScript string indexes), end exclusive, so `text.slice(start, end)` is the span. A finding
 * never carries the offending text itself: audit events are built from findings and must not leak it.
 */
export type HarmCategory = 'hate' | 'sexual' | 'violence' | 'self_harm';

export const HARM_CATEGORIES: readonly HarmCategory[] = ['hate', 'sexual', 'violence', 'self_harm'];

export type FindingKind = 'harm' | 'profanity' | 'prompt_attack' | 'pii' | 'hidden' | 'blocklist';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Finding {
  readonly kind: FindingKind;
  /**
   * The specific thing found: a harm category, `jailbreak` or `injection`, a PII type (`email`,
   * `phone`, `credit_card`, ...), a hidden-content type (`zero_width`, `bidi_override`, ...), or
   * the blocklist term id.
   */
  readonly type: string;
  /** Absent when the finding is about the text as a whole (e.g. a classifier's verdict). */
  readonly span?: Span;
  /** Confidence in [0, 1]. */
  readonly score: number;
  /** Harm severity 0..7 (Azure AI Content Safety's eight levels); only for `harm` findings. */
  readonly severity?: number;
  /** Which detector produced it, for traces and evaluation. */
  readonly detector: string;
}
