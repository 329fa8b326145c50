import { type Finding } from '../finding.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

/*
 * Names are only reported after a cue ("my name is", "Mr.", "call ... at", a sign-off) because
 * capitalisation alone cannot tell "The Godfather" or "Jurassic Park" from a person. Cue regexes are
 * case-insensitive; the name tokens are matched separately and case-sensitively (with the `i` flag,
 * \p{Lu} would also match lower-case letters).
 */
// "Anna", "O'Brien", "McDonald", "Smith-Jones"; a hyphen must start another capitalised part, so
// "Blu-ray" is not a name word.
const WORD =
  "(\\p{Lu}(?:['’]\\p{Lu})?[\\p{Ll}\\p{M}]+(?:\\p{Lu}[\\p{Ll}\\p{M}]+)?(?:-\\p{Lu}[\\p{Ll}\\p{M}]+)?)(?![\\p{L}\\p{M}\\d'’-])";
// The first name word may start the next line (sign-offs); later words must stay on the same line.
const FIRST = new RegExp(`[ \\t]*\\n?[ \\t]*${WORD}`, 'uy');
const NEXT = new RegExp(`[ \\t]+${WORD}`, 'uy');
const MAX_TOKENS = 3;

/** Capitalised words that follow cues like "I'm" without being names. */
const NOT_NAMES = new Set(
  (
    'the a an and or not so just looking here sorry also interested trying going happy tired back in on at ' +
    'from done fine good very really still sure watching searching ready new glad into over all no yes okay ' +
    'ok currently now home out afraid about with for to of this that my your his her our their it is ' +
    'american british english french german spanish italian canadian indian dutch irish scottish ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december christmas netflix'
  ).split(' '),
);

interface Cue {
  readonly re: RegExp;
  /** Score for one name token, and for two or more. */
  readonly one: number;
  readonly more: number;
  /** What must follow the name for the cue to count (e.g. "call X at"). */
  readonly after?: RegExp;
}

const CUES: readonly Cue[] = [
  { re: /\b(?:my name is|my name's|name:|my full name is|i go by)(?=[ \t])/gi, one: 0.75, more: 0.85 },
  { re: /\b(?:i'm|i’m|i am)(?=[ \t])/gi, one: 0.35, more: 0.6 },
  { re: /\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?(?=[ \t])/g, one: 0.35, more: 0.75 },
  { re: /\b(?:hi|hello|hey)[,!]?[ \t]+(?:this is|it's|it’s|it is)(?=[ \t])/gi, one: 0.6, more: 0.7 },
  { re: /(?:^|\n)[ \t]*dear(?=[ \t])/gi, one: 0.55, more: 0.65 },
  {
    re: /\b(?:call|contact|ask for|email|e-mail|text|ring|message|phone)(?=[ \t])/gi,
    one: 0.6,
    more: 0.7,
    after: /^[ \t]+(?:at|on)\b/,
  },
  {
    // Sign-offs: the name must end its line ("Best regards,\nAnna Ruiz").
    re: /(?:^|[\n.!?][ \t]*)(?:(?:best regards|kind regards|warm regards|regards|best wishes|thanks|thank you|cheers|sincerely|yours truly|best|signed)[ \t]*[,!]|--|—)/gi,
    one: 0.6,
    more: 0.75,
    after: /^[ \t]*[.!]?[ \t]*(?:\n|$)/,
  },
];

function nameAfter(text: string, from: number): { start: number; end: number; tokens: number } | undefined {
  let start = -1;
  let end = from;
  let tokens = 0;
  while (tokens < MAX_TOKENS) {
    const re = tokens === 0 ? FIRST : NEXT;
    re.lastIndex = end;
    const m = re.exec(text);
    if (m === null || NOT_NAMES.has((m[1] ?? '').toLowerCase())) break;
    if (start === -1) start = end + m[0].length - (m[1] ?? '').length;
    end = re.lastIndex;
    tokens++;
  }
  return tokens === 0 ? undefined : { start, end, tokens };
}

export const personNameRecognizer: PiiRecognizer = {
  type: 'person_name',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    for (const cue of CUES) {
      cue.re.lastIndex = 0;
      for (let m = cue.re.exec(text); m !== null; m = cue.re.exec(text)) {
        const name = nameAfter(text, m.index + m[0].length);
        if (name === undefined) continue;
        if (cue.after !== undefined && !cue.after.test(text.slice(name.end, name.end + 12))) continue;
        out.push(piiFinding('person_name', name.start, name.end, name.tokens > 1 ? cue.more : cue.one));
      }
    }
    return out;
  },
};
