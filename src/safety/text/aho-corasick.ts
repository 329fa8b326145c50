import { isWordCode } from './normalize.js';

export interface PhraseMatch {
  /** Index of the pattern in the list given to `buildPhraseMatcher`. */
  readonly pattern: number;
  /** Normalized-text offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface PhraseMatcher {
  /** Every occurrence of every pattern on the word boundaries it asks for, in order of end position. */
  matchAll(text: string): PhraseMatch[];
}

/** Whether a pattern must start and end on a word boundary; lexicons of words want both (the default). */
export interface PhraseBounds {
  readonly start: boolean;
  readonly end: boolean;
}

const WHOLE_WORD: PhraseBounds = { start: true, end: true };

interface Node {
  readonly next: Map<number, number>;
  fail: number;
  /** Patterns ending here, including those reached through failure links (merged at build). */
  out: number[];
}

/**
 * Aho–Corasick over UTF-16 units: one left-to-right scan finds all occurrences of hundreds of phrases,
 * so matching cost does not grow with lexicon size. By default matches must sit on word boundaries (no
 * letter or digit either side) because lexicons are lists of words, and "class" must not match "ass";
 * `bounds` relaxes that per pattern (profanity stems that count inside compounds).
 */
export function buildPhraseMatcher(
  patterns: readonly string[],
  bounds?: readonly PhraseBounds[],
): PhraseMatcher {
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
  const order: number[] = [];
  const queue: number[] = [];
  for (const child of (nodes[0] as Node).next.values()) queue.push(child);
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q] as number;
    order.push(id);
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

  const automaton = compileTransitions(nodes, order);
  const outputs = nodes.map((node) => node.out);

  return {
    matchAll(text: string): PhraseMatch[] {
      const found: PhraseMatch[] = [];
      const { asciiClass, otherClass, classes, delta, accepting } = automaton;
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        const symbol = unit < 0x80 ? (asciiClass[unit] as number) : (otherClass.get(unit) ?? 0);
        state = delta[state * classes + symbol] as number;
        if (accepting[state] === 0) continue;
        const end = i + 1;
        const wordAfter = end < text.length && isWordCode(text.codePointAt(end) ?? 0);
        for (const pattern of outputs[state] as number[]) {
          const bound = bounds?.[pattern] ?? WHOLE_WORD;
          if (bound.end && wordAfter) continue;
          const start = end - (lengths[pattern] ?? 0);
          if (bound.start && start > 0 && isWordCode(codePointBefore(text, start))) continue;
          found.push({ pattern, start, end });
        }
      }
      return found;
    },
  };
}

/** The automaton as a table: one lookup per character of text, however the patterns overlap. */
interface Transitions {
  /** Symbol class of each ASCII unit (0: in no pattern). */
  readonly asciiClass: Uint16Array;
  /** Symbol class of the other units that occur in patterns. */
  readonly otherClass: ReadonlyMap<number, number>;
  readonly classes: number;
  /** Next state for (state, class), row-major. */
  readonly delta: Int32Array;
  /** 1 where some pattern ends (directly or through a failure link). */
  readonly accepting: Uint8Array;
}

/**
 * Folds the failure links into a deterministic transition table over the pattern alphabet. Units that
 * occur in no pattern share class 0, whose transitions all lead back to the root. Rows are filled in
 * breadth-first order so the failure state's row is always complete when read.
 */
function compileTransitions(nodes: readonly Node[], order: readonly number[]): Transitions {
  const asciiClass = new Uint16Array(0x80);
  const otherClass = new Map<number, number>();
  let classes = 1;
  for (const node of nodes) {
    for (const unit of node.next.keys()) {
      if (unit < 0x80) {
        if (asciiClass[unit] === 0) asciiClass[unit] = classes++;
      } else if (!otherClass.has(unit)) otherClass.set(unit, classes++);
    }
  }
  const classOf = (unit: number): number =>
    unit < 0x80 ? (asciiClass[unit] as number) : (otherClass.get(unit) ?? 0);
  const delta = new Int32Array(nodes.length * classes);
  const accepting = new Uint8Array(nodes.length);
  for (const [unit, child] of (nodes[0] as Node).next) delta[classOf(unit)] = child;
  for (const id of order) {
    const node = nodes[id] as Node;
    const row = id * classes;
    delta.copyWithin(row, node.fail * classes, node.fail * classes + classes);
    for (const [unit, child] of node.next) delta[row + classOf(unit)] = child;
    accepting[id] = node.out.length > 0 ? 1 : 0;
  }
  return { asciiClass, otherClass, classes, delta, accepting };
}

function codePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.codePointAt(index - 2) ?? low;
  return low;
}
