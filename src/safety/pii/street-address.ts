import { type Finding } from '../finding.js';
import { hasContext } from './context.js';
import { piiFinding, type PiiRecognizer } from './recognizer.js';

/*
 * A house number, up to four capitalised name words and a street-type word. Name words and the type
 * word overlap, but the repeat is bounded to four, so retries are bounded too. Without context these
 * stay below the default threshold: "21 Jump Street" is a film, "221B Baker Street" with its lettered
 * house number or "1600 Pennsylvania Avenue NW" with a direction carry more structure.
 */
const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Square|Sq|Parkway|Pkwy|Highway|Hwy|Crescent|Row|Gardens|Mews';
const EN = new RegExp(
  `\\b(\\d{1,5}[A-Za-z]?)[ \\t]+(?:(?:[A-Z][A-Za-z'-]*|\\d{1,3}(?:st|nd|rd|th))\\.?[ \\t]+){1,4}?(?:${STREET_TYPES})\\b\\.?((?:[ \\t]+(?:NW|NE|SW|SE|N|S|E|W)\\b)?)((?:,?[ \\t]+(?:Apt|Apartment|Suite|Unit|Flat)\\.?[ \\t]*[A-Za-z0-9-]{1,6})?)`,
  'g',
);
// French: "12 rue de la Paix", "5 bis, avenue des Champs-Élysées".
const FR =
  /(?<![\w])(\d{1,4})(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Cc]ours|[Rr]oute|[Pp]assage)[ \t]+(?:(?:de|du|des|la|le)[ \t]+|[ld]['’]){0,3}\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,3}/gu;
// German: "Hauptstraße 5", "Musterstr. 12a".
const DE =
  /(?<![\w])\p{Lu}[\p{Ll}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|damm)[ \t]+\d{1,4}[a-z]?\b/gu;
const CONTEXT =
  /(?:\blive at\b|\blives at\b|\bliving at\b|\blive on\b|\baddress\b|\blocated at\b|\bship to\b|\bdeliver to\b|\bsend it to\b|\bmy home\b|\bmoved to\b|\breside\b|\badresse\b|\bhabite\b|\bwohne\b|\banschrift\b|\bdirección\b)/i;

export const streetAddressRecognizer: PiiRecognizer = {
  type: 'street_address',
  detect(text: string): Finding[] {
    const out: Finding[] = [];
    const push = (start: number, end: number, base: number): void => {
      out.push(
        piiFinding('street_address', start, end, hasContext(text, start, end, CONTEXT, 40, 0) ? 0.85 : base),
      );
    };
    EN.lastIndex = 0;
    for (let m = EN.exec(text); m !== null; m = EN.exec(text)) {
      const structured = /[A-Za-z]$/.test(m[1] ?? '') || (m[2] ?? '') !== '' || (m[3] ?? '') !== '';
      push(m.index, m.index + m[0].length, structured ? 0.5 : 0.35);
    }
    FR.lastIndex = 0;
    for (let m = FR.exec(text); m !== null; m = FR.exec(text)) push(m.index, m.index + m[0].length, 0.5);
    DE.lastIndex = 0;
    for (let m = DE.exec(text); m !== null; m = DE.exec(text)) push(m.index, m.index + m[0].length, 0.5);
    return out;
  },
};
