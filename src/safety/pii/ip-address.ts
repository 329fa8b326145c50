import { isIP } from 'node:net';
import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// Octet bounds are in the pattern so "1.2.3.456" never becomes a candidate; isIP is the final word.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?!\\w|\\.\\d)`, 'g');
// Any run of hex digits, colons and dots containing two colons within its first groups; isIP decides.
// One character class under one bounded quantifier, so backtracking is at most 45 steps per start.
const IPV6 = /(?<![\w:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:.]{2,45}(?![\w:])/g;
const CONTEXT = /\b(?:ip|ipv4|ipv6|address|server|host|router|gateway|connected from|logged in from|vpn)\b/i;
// Dotted quads after these words are software versions, not addresses.
const VERSION = /\b(?:version|ver|v|release|build|firmware|update)\.?\s*$/i;

function score(text: string, start: number, end: number): number {
  if (VERSION.test(text.slice(Math.max(0, start - 16), start))) return 0.2;
  return hasContext(text, start, end, CONTEXT) ? 0.95 : 0.8;
}

export const ipAddressRecognizer: PiiRecognizer = {
  type: 'ip_address',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    if (text.includes('.')) {
      IPV4.lastIndex = 0;
      for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
        if (isIP(m[0]) !== 4) continue;
        const end = m.index + m[0].length;
        out.push(piiFinding('ip_address', m.index, end, score(text, m.index, end)));
      }
    }
    if (text.includes(':')) {
      IPV6.lastIndex = 0;
      for (let m = IPV6.exec(text); m !== null; m = IPV6.exec(text)) {
        const candidate = m[0].replace(/\.+$/, '');
        if (!/[0-9A-Fa-f]/.test(candidate) || isIP(candidate) !== 6) continue;
        const end = m.index + candidate.length;
        out.push(piiFinding('ip_address', m.index, end, score(text, m.index, end)));
      }
    }
    return out;
  },
};
