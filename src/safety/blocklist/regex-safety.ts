/**
 * Static screen for regexes that can backtrack catastrophically. Conservative by design: a curator
 * can always rewrite a rejected pattern, while an accepted pathological one can stall the gateway.
 * Rejected shapes:
 * - a variable quantifier inside a repeated group: `(a+)+`, `(a*)*`, `(\w+\s?)*`, `(a{1,3}){2,}`
 * - a repeated alternation whose branches can start with the same character: `(a|a)*`, `(\w|\d)+`
 * - three or more unbounded quantifiers over broad classes in one sequence: `.*a.*b.*` (polynomial)
 * - backreferences, which defeat every other guarantee here.
 */

interface Quantifier {
  readonly min: number;
  readonly max: number;
}

type Node =
  | { readonly t: 'atom'; readonly source: string; readonly broad: boolean }
  | { readonly t: 'group'; readonly alternatives: Node[][] }
  | { readonly t: 'repeat'; readonly body: Node; readonly q: Quantifier };

class Parser {
  private i = 0;

  constructor(private readonly src: string) {}

  parse(): Node[][] {
    const alts = this.alternatives();
    if (this.i < this.src.length) throw new Error('unbalanced parenthesis');
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.src.length) {
      const ch = this.src[this.i];
      if (ch === ')') break;
      if (ch === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const atom = this.atom();
      if (atom === undefined) continue;
      const q = this.quantifier();
      (alts[alts.length - 1] as Node[]).push(q === undefined ? atom : { t: 'repeat', body: atom, q });
    }
    return alts;
  }

  private atom(): Node | undefined {
    const start = this.i;
    const ch = this.src[this.i++];
    if (ch === '(') {
      if (this.src.startsWith('?', this.i)) {
        // (?:...), (?=...), (?!...), (?<=...), (?<!...), (?<name>...)
        this.i++;
        if (this.src[this.i] === '<' && this.src[this.i + 1] !== '=' && this.src[this.i + 1] !== '!') {
          this.i = this.src.indexOf('>', this.i) + 1;
        } else {
          this.i += this.src[this.i] === '<' ? 2 : 1;
        }
      }
      const alternatives = this.alternatives();
      this.i++; // ')'
      return { t: 'group', alternatives };
    }
    if (ch === '[') {
      while (this.i < this.src.length && this.src[this.i] !== ']')
        this.i += this.src[this.i] === '\\' ? 2 : 1;
      this.i++;
      const source = this.src.slice(start, this.i);
      return { t: 'atom', source, broad: source.startsWith('[^') };
    }
    if (ch === '\\') {
      const next = this.src[this.i++] ?? '';
      if (/[1-9]/.test(next)) throw new Error('backreferences are not allowed');
      if (next === 'k' && this.src[this.i] === '<') throw new Error('backreferences are not allowed');
      if ((next === 'p' || next === 'P' || next === 'u' || next === 'x') && this.src[this.i] === '{') {
        this.i = this.src.indexOf('}', this.i) + 1;
      } else if (next === 'u') this.i += 4;
      else if (next === 'x') this.i += 2;
      if (next === 'b' || next === 'B') return undefined;
      const source = this.src.slice(start, this.i);
      return { t: 'atom', source, broad: /^\\[wWsSdDpP]/.test(source) };
    }
    if (ch === '^' || ch === '$') return undefined;
    return { t: 'atom', source: ch ?? '', broad: ch === '.' };
  }

  private quantifier(): Quantifier | undefined {
    const ch = this.src[this.i];
    let q: Quantifier | undefined;
    if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '?') q = { min: 0, max: 1 };
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m === null) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length;
      if (this.src[this.i] === '?') this.i++;
      return { min, max };
    }
    if (q === undefined) return undefined;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return q;
  }
}

function containsVariableQuantifier(node: Node): boolean {
  if (node.t === 'atom') return false;
  if (node.t === 'repeat') return node.q.min !== node.q.max || containsVariableQuantifier(node.body);
  return node.alternatives.some((alt) => alt.some(containsVariableQuantifier));
}

/** Source of the atom a sequence can start with, or undefined when it can start with anything. */
function firstAtom(seq: readonly Node[]): { source: string; broad: boolean } | undefined {
  const first = seq[0];
  if (first === undefined) return undefined;
  if (first.t === 'atom') return first;
  if (first.t === 'repeat') return firstAtom([first.body]);
  return undefined;
}

const SAMPLES = (() => {
  const out: string[] = [];
  for (let c = 0x20; c < 0x7f; c++) out.push(String.fromCharCode(c));
  out.push('\t', '\n', 'é', 'ß', 'а', 'α', '中', '\u00a0');
  return out;
})();

function atomsOverlap(a: string, b: string, flags: string): boolean {
  if (a === b) return true;
  let ra: RegExp;
  let rb: RegExp;
  try {
    ra = new RegExp(`^(?:${a})$`, flags);
    rb = new RegExp(`^(?:${b})$`, flags);
  } catch {
    return true;
  }
  return SAMPLES.some((s) => ra.test(s) && rb.test(s));
}

function overlappingAlternatives(group: Extract<Node, { t: 'group' }>, flags: string): boolean {
  const firsts = group.alternatives.map(firstAtom);
  if (group.alternatives.length < 2) return false;
  for (let i = 0; i < firsts.length; i++) {
    for (let j = i + 1; j < firsts.length; j++) {
      const a = firsts[i];
      const b = firsts[j];
      // An alternative that may start anywhere (empty, nested group) is assumed to overlap.
      if (a === undefined || b === undefined || atomsOverlap(a.source, b.source, flags)) return true;
    }
  }
  return false;
}

function check(seq: readonly Node[], flags: string): string | undefined {
  let broadUnbounded = 0;
  for (const node of seq) {
    if (node.t === 'repeat') {
      if (node.q.max > 1 && containsVariableQuantifier(node.body)) {
        return 'nested quantifier (e.g. (a+)+) can backtrack catastrophically';
      }
      if (node.q.max === Infinity) {
        if (node.body.t === 'atom' && node.body.broad) broadUnbounded++;
        if (node.body.t === 'group' && overlappingAlternatives(node.body, flags)) {
          return 'repeated alternation with overlapping branches (e.g. (a|a)*) can backtrack catastrophically';
        }
      }
      const inner = check([node.body], flags);
      if (inner !== undefined) return inner;
    } else if (node.t === 'group') {
      for (const alt of node.alternatives) {
        const inner = check(alt, flags);
        if (inner !== undefined) return inner;
      }
    }
  }
  if (broadUnbounded >= 3)
    return 'three or more unbounded wildcards in sequence (e.g. .*a.*b.*) backtrack polynomially';
  return undefined;
}

/** Why the pattern is unsafe to run, or undefined when it passes the screen. */
export function unsafeRegexReason(pattern: string, flags: string): string | undefined {
  let tree: Node[][];
  try {
    tree = new Parser(pattern).parse();
  } catch (err) {
    return err instanceof Error ? err.message : 'unparseable pattern';
  }
  for (const alt of tree) {
    const reason = check(alt, flags);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
