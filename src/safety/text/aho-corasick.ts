import { isWordCode } from './normalize.js';

export interface PhraseMatch {
  /** Index of the pattern in the list given to `buildPhraseMatcher`. */
  readonly pattern: number;
  /** Normalized-text offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface PhraseMatcher {
  /** Every whole-word occurrence of every pattern, in order of end position. */
  matchAll(text: string): PhraseMatch[];
}

interface Node {
  readonly next: Map<number, number>;
  fail: number;
  /** Patterns ending here, including those reached through failure links (merged at build). */
  out: number[];
}

/**
 * Aho–Corasick over UTF-16 units: one left-to-right scan finds all occurrences of hundreds of phrases,
 * so matching cost does not grow with lexicon size. Matches must sit on word boundaries (no letter or
 * digit either side) because lexicons are lists of words, and "class" must not match "ass".
 */
export function buildPhraseMatcher(patterns: readonly string[]): PhraseMatcher {
  const nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  const lengths = patterns.map((p) => p.length);
  patterns.forEach((pattern, index) => {
    if (pattern.length === 0) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      const node = nodes[state] as Node;
      let to = node.next.get(unit);
      if (to === undefined) {
        to = nodes.length;
        nodes.push({ next: new Map(), fail: 0, out: [] });
        node.next.set(unit, to);
      }
      state = to;
    }
    (nodes[state] as Node).out.push(index);
  });

  // Breadth-first so every failure target is finished before it is used.
  const queue: number[] = [];
  for (const child of (nodes[0] as Node).next.values()) queue.push(child);
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q] as number;
    const node = nodes[id] as Node;
    for (const [unit, child] of node.next) {
      let f = node.fail;
      while (f !== 0 && !(nodes[f] as Node).next.has(unit)) f = (nodes[f] as Node).fail;
      const target = (nodes[f] as Node).next.get(unit);
      const childNode = nodes[child] as Node;
      childNode.fail = target !== undefined && target !== child ? target : 0;
      const inherited = (nodes[childNode.fail] as Node).out;
      if (inherited.length > 0) childNode.out = childNode.out.concat(inherited);
      queue.push(child);
    }
  }

  return {
    matchAll(text: string): PhraseMatch[] {
      const found: PhraseMatch[] = [];
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        for (;;) {
          const to = (nodes[state] as Node).next.get(unit);
          if (to !== undefined) {
            state = to;
            break;
          }
          if (state === 0) break;
          state = (nodes[state] as Node).fail;
        }
        const out = (nodes[state] as Node).out;
        if (out.length === 0) continue;
        const end = i + 1;
        if (end < text.length && isWordCode(text.codePointAt(end) ?? 0)) continue;
        for (const pattern of out) {
          const start = end - (lengths[pattern] ?? 0);
          if (start > 0 && isWordCode(codePointBefore(text, start))) continue;
          found.push({ pattern, start, end });
        }
      }
      return found;
    },
  };
}

function codePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.codePointAt(index - 2) ?? low;
  return low;
}
