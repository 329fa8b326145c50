import { type Finding } from '../finding.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

/*
 * Scanning outward from each '@' instead of one big regex keeps this linear: a regex whose local part
 * is `[\w.+-]+@` retries every start position of a long word that has no '@' in it.
 */
const LOCAL = /[A-Za-z0-9._%+\-']/;
const DOMAIN = /[A-Za-z0-9.-]/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,24}$/;

function domainEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && end - from < 253 && DOMAIN.test(text.charAt(end))) end++;
  // A sentence-final period or a trailing hyphen is punctuation, not part of the domain.
  while (end > from && /[.-]/.test(text.charAt(end - 1))) end--;
  return end;
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  return TLD.test(tld) && labels.every((l) => l.length <= 63 && LABEL.test(l));
}

export const emailRecognizer: PiiRecognizer = {
  type: 'email',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    let at = text.indexOf('@');
    let floor = 0;
    while (at !== -1) {
      let start = at;
      while (start > floor && at - start < 64 && LOCAL.test(text.charAt(start - 1))) start--;
      while (start < at && /[.'-]/.test(text.charAt(start))) start++;
      const end = domainEnd(text, at + 1);
      const local = text.slice(start, at);
      if (
        local.length > 0 &&
        !local.includes('..') &&
        !local.endsWith('.') &&
        validDomain(text.slice(at + 1, end))
      ) {
        out.push(piiFinding('email', start, end, 0.95));
        floor = end;
      }
      at = text.indexOf('@', Math.max(at + 1, end));
    }
    return out;
  },
};
