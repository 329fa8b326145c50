import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

// The back-reference requires one separator style throughout ("00:1A:..." or "00-1A-..."), which
// rules out most accidental hex-pair runs.
const SEPARATED = /(?<![\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])/g;
const CISCO = /(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])/g;
const CONTEXT = /\b(?:mac|hardware|ethernet|wi-?fi|wlan|device|adapter|bssid|nic)\b/i;

export const macAddressRecognizer: PiiRecognizer = {
  type: 'mac_address',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    for (const [re, base] of [
      [SEPARATED, 0.85],
      [CISCO, 0.6],
    ] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const end = m.index + m[0].length;
        // A dash-separated run of digits only is more likely a code or a date-like id than a MAC.
        let score = re === SEPARATED && m[1] === '-' && /^[\d-]+$/.test(m[0]) ? 0.5 : base;
        if (hasContext(text, m.index, end, CONTEXT)) score += 0.1;
        out.push(piiFinding('mac_address', m.index, end, score));
      }
    }
    return out;
  },
};
