import { type Finding } from '../finding.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// Literal prefix, then one negated class: linear. Trailing punctuation is trimmed in code.
const PREFIXED = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+/gi;
// Bare domains only count with a common TLD, written in lower case ("ASP.NET" is not a site). Labels
// and dots are disjoint classes with bounded repeats, so a long word costs a bounded retry per start.
const BARE =
  /(?<![\w.@/-])(?:[A-Za-z0-9-]{1,63}\.){1,6}(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|eu|us|ca|au|in|jp|tv|me|info|biz|app|dev|ly|be|ch|at|se|dk|fi|pl|pt|br|mx|ai)(?![\w-])(?:\/[^\s<>"'`]*)?/g;

function trimEnd(url: string): string {
  let end = url.length;
  for (;;) {
    const c = url.charAt(end - 1);
    if (/[.,;:!?'"]/.test(c)) end--;
    else if (c === ')' && !url.slice(0, end - 1).includes('(')) end--;
    else break;
  }
  return url.slice(0, end);
}

export const urlRecognizer: PiiRecognizer = {
  type: 'url',
  detect(text: string): Finding[] {
    if (!text.includes('.')) return [];
    const out: Finding[] = [];
    PREFIXED.lastIndex = 0;
    for (let m = PREFIXED.exec(text); m !== null; m = PREFIXED.exec(text)) {
      const url = trimEnd(m[0]);
      if (!url.includes('.')) continue;
      out.push(piiFinding('url', m.index, m.index + url.length, url.includes('://') ? 0.9 : 0.85));
    }
    const prefixed = out.map((f) => f.span);
    BARE.lastIndex = 0;
    for (let m = BARE.exec(text); m !== null; m = BARE.exec(text)) {
      const at = m.index;
      // "www.x.tv" is also a bare domain; report it once, as the prefixed match.
      if (prefixed.some((p) => p !== undefined && at < p.end && p.start < at + m[0].length)) continue;
      const url = trimEnd(m[0]);
      // Labels may not start or end with a hyphen.
      if (/(?:^|\.)-|-\./.test(url)) continue;
      out.push(piiFinding('url', m.index, m.index + url.length, 0.6));
    }
    return out;
  },
};
