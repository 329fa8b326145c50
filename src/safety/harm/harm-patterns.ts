import { type HarmCategory } from '../finding.js';

/**
 * Sentence-shaped harm the word lexicons cannot see on their own: calls and threats to kill or hurt
 * someone, calls to exterminate or beat a group, self-harm encouragement, and the most severe of these
 * in French, Spanish, German, Portuguese and Italian. Patterns run on `normalize(text).text` (lower
 * case, accents stripped, spaced-out letters joined) and keep every gap bounded.
 */
export interface HarmPattern {
  readonly name: string;
  readonly category: HarmCategory;
  readonly severity: number;
  readonly pattern: RegExp;
}

const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;

const HURT = alt([
  'shoot',
  'stab',
  'kill',
  'murder',
  'behead',
  'decapitate',
  'strangle',
  'lynch',
  'hang',
  'execute',
  'gun down',
  'slit',
  'cut off',
  'burn',
  'bomb',
  'blow up',
  'beat',
  'torture',
  'hunt down',
  'rape',
  'exterminate',
  'wipe out',
]);
const VICTIM = alt([
  'you',
  'u',
  'him',
  'her',
  'them',
  'your',
  'his',
  'their',
  "y'?all",
  'everyone',
  'every one',
]);
const PASSIVE = alt([
  'wiped out',
  'exterminated',
  'eradicated',
  'gassed',
  'killed',
  'slaughtered',
  'shot',
  'hanged',
  'hung',
  'lynched',
  'executed',
  'beheaded',
  'burned',
  'burnt',
  'massacred',
  'beaten',
  'raped',
  'purged',
  'annihilated',
  'tortured',
]);
/** Targets that put a sentence about killing inside a story or a game ("someone should kill the villain"). */
const FICTION =
  /\b(?:villains?|hero(?:es)?|characters?|plot|sequel|novel|game|boss|level|zombies?|monsters?)\b/;

export const HARM_PATTERNS: readonly HarmPattern[] = [
  {
    name: 'call_to_violence',
    category: 'violence',
    severity: 6,
    pattern: new RegExp(
      `\\b(?:someone|somebody|anyone|people|we|you|u|everyone)\\s+(?:really\\s+)?(?:should|ought to|needs? to|must|has to|have to)\\s+(?:\\S+\\s+)?${HURT}\\b`,
    ),
  },
  {
    name: 'first_person_threat',
    category: 'violence',
    severity: 6,
    pattern: new RegExp(
      `\\b(?:i|we)(?:'m| am|'ll| will| are|'re)?\\s+(?:\\S+\\s+)?(?:going to|gonna|will|want to|wanna)\\s+${HURT}\\s+${VICTIM}\\b`,
    ),
  },
  {
    name: 'group_should_suffer',
    category: 'violence',
    severity: 6,
    pattern: new RegExp(
      `\\b(?:should|must|need to|needs to|deserve to|deserves to|ought to|have to|has to)\\s+be\\s+(?:all\\s+)?${PASSIVE}\\b`,
    ),
  },
  {
    name: 'self_harm_encouragement',
    category: 'self_harm',
    severity: 6,
    pattern:
      /\b(?:go|just|should|need to|needs to|deserve to|why don'?t you|please)\s+(?:\S+\s+)?(?:kill|hang|cut|hurt|harm|starve|burn|shoot|off)\s+(?:your ?self|urself|yourselves)\b|\b(?:cutting|starving|suicide|killing yourself) is the (?:answer|only way|solution)\b|\b(?:you should|just|go) end it all\b|\bstop eating until you (?:disappear|die)\b/,
  },
  {
    name: 'kill_yourself_multilingual',
    category: 'self_harm',
    severity: 6,
    pattern:
      /\b(?:tue[- ]toi|suicide[- ]toi|pends[- ]toi|va te (?:tuer|pendre|suicider)|scarifie[- ]toi|matate|suicidate|ahorcate|cortate|quitate la vida|bring dich um|tote dich|erhang dich|ritz dich|mate-se|se mate|va se matar|suicide-se|corte-se|ammazzati|ucciditi|suicidati|impiccati|tagliati)\b/,
  },
  {
    name: 'threat_multilingual',
    category: 'violence',
    severity: 6,
    pattern:
      /\b(?:je vais (?:te|le|la|les|vous) (?:tuer|buter|abattre|egorger|decapiter|couper)|(?:on|quelqu'un) devrait (?:le |la |les |lui )?(?:tuer|abattre|buter|tirer)|(?:te|lo|la|los|les) voy a (?:matar|disparar|cortar)|voy a matar(?:te|lo|la|los)?|alguien deberia (?:matar|disparar|pegar)|ich (?:werde|will) (?:dich|ihn|sie|euch) (?:\S+ ){0,2}(?:umbringen|toten|erschiessen|abstechen|kopfen)|ich bringe? (?:dich|ihn|sie|euch) um|jemand sollte (?:\S+ ){0,5}(?:erschiessen|umbringen|toten)|vou (?:te |lhe )?(?:matar|cortar)|vou mata-l[oa]|alguem deveria (?:matar|atirar)|ti (?:ammazzo|uccido)|(?:lo|la|li) (?:ammazzo|uccido)|qualcuno dovrebbe (?:sparare|uccidere|ammazzare)|(?:ti |gli )?(?:ammazzero|uccidero|tagliero))\b/,
  },
  {
    name: 'group_should_suffer_multilingual',
    category: 'violence',
    severity: 6,
    pattern:
      /\b(?:(?:merite|meritent|doivent|devraient|doit|devrait) (?:d'?)?etre (?:extermine|elimine|massacre|tue|battu|chasse|aneanti)e?s?|(?:merecen|deben|deberian|merece|debe) ser (?:exterminad|eliminad|aniquilad|asesinad|golpead|matad|expulsad)[oa]s?|(?:verdienen|sollten|mussen|gehoren|sollte|muss) (?:\S+ ){0,4}(?:ausgerottet|vernichtet|vergast|getotet|erschossen|geschlagen|verprugelt)|(?:merecem|devem|deveriam|merece|deve) ser (?:exterminad|eliminad|aniquilad|mort|espancad|expuls)[oa]s?|(?:meritano|devono|dovrebbero|merita|deve) (?:di )?essere (?:sterminat|eliminat|uccis|picchiat|cacciat|annientat)[ioae])\b/,
  },
];

export interface PatternHit {
  readonly pattern: HarmPattern;
  readonly start: number;
  readonly end: number;
}

/**
 * Every pattern that matches the normalized text, outside sentences set in a story (for the English
 * violence patterns, whose verbs are a synopsis's vocabulary too).
 */
export function matchHarmPatterns(normalized: string): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const pattern of HARM_PATTERNS) {
    const match = pattern.pattern.exec(normalized);
    if (match === null) continue;
    if (pattern.category === 'violence' && FICTION.test(sentenceAround(normalized, match.index))) continue;
    hits.push({ pattern, start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

function sentenceAround(text: string, at: number): string {
  let start = at;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1] ?? '')) start--;
  const end = text.slice(at).search(/[.!?\n]/);
  return text.slice(start, end < 0 ? text.length : at + end);
}
