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

/** Calls to kill or beat someone in French, Spanish, German, Portuguese and Italian, pronouns attached. */
const CALL_TO_VIOLENCE_MULTILINGUAL = new RegExp(
  [
    // "il faut les battre": the object pronoun makes it a person, not a record or a path ("il faut battre le fer").
    "\\b(?:il faut|il faudrait|faudrait|on devrait|on doit|quelqu'un devrait) (?:les |le |la |l'|lui |leur )(?:tuer|battre|frapper|tabasser|abattre|buter|exterminer|pendre|bruler|gazer|fusiller|egorger|lyncher|massacrer)\\b",
    '\\b(?:hay que|habria que|se deberia|deberian|tendrian que|alguien tendria que) (?:matar|pegar|golpear|disparar|fusilar|ahorcar|exterminar|linchar|apalear|gasear)(?:les|los|las|le|lo|la|(?: a (?:los|las|todos|todas)\\b))',
    '\\b(?:gehoren|gehort) (?:\\S+ ){0,3}(?:erschossen|aufgehangt|aufgeknupft|vergast|getotet|erschlagen|verbrannt|umgebracht)\\b',
    '\\b(?:deviam|deveriam|merecem|precisam) (?:\\S+ )?apanhar\\b|\\bmerecem morrer\\b|\\b(?:devem|deviam|deveriam|merecem|precisam) ser (?:mort|espancad|queimad|enforcad|fuzilad|exterminad)[oa]s?\\b',
    '\\b(?:bisogna|bisognerebbe|si dovrebbe|dovrebbero|andrebbero|vanno|meritano di essere|devono essere) (?:\\S+ )?(?:uccis|ammazzat|picchiat|sterminat|impiccat|bruciat|fucilat|massacrat|pestat|gassat)[ieoa]\\b',
  ].join('|'),
);

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
      /\b(?:tue[- ]toi|suicide[- ]toi|pends[- ]toi|va te (?:tuer|pendre|suicider|taillader|scarifier)|scarifie[- ]toi|matate|suicidate|ahorcate|quitate la vida|bring dich (?:\S+ ){0,2}um|tote dich|erhang dich|ritz dich|mate-se|se mate|va se matar|suicide-se|ucciditi|suicidati)\b/,
  },
  {
    name: 'threat_multilingual',
    category: 'violence',
    severity: 6,
    pattern:
      /\b(?:je vais (?:te|le|la|les|vous) (?:tuer|buter|abattre|egorger|decapiter|couper)|(?:on|quelqu'un) devrait (?:le |la |les |lui )?(?:tuer|abattre|buter|tirer)|(?:te|lo|la|los|las|le|les) voy a (?:matar|disparar|cortar|apunalar|degollar)|voy a matar(?:te|lo|la|los)?|alguien deberia (?:matar|disparar|pegar|apunalar|ahorcar)(?:le|les|lo|la|los|las)?|ich (?:werde|will) (?:dich|ihn|ihm|sie|euch) (?:\S+ ){0,4}(?:umbringen|toten|erschiessen|abstechen|kopfen|abschneiden|aufschlitzen)|ich bringe? (?:dich|ihn|sie|euch) (?:\S+ ){0,4}um|bringe ich (?:dich|ihn|sie|euch) (?:\S+ ){0,4}um|(?:jemand|man) sollte (?:\S+ ){0,8}(?:erschiessen|schiessen|umbringen|toten|abstechen|erschlagen|aufhangen|vergasen|abknallen|verprugeln)|vou (?:te|lhe) (?:matar|cortar|esfaquear)|vou (?:matar|esfaquear) (?:voce|voces|ele|ela|eles|elas|todos)\b|vou mata-l[oa]|alguem (?:deveria|devia|tinha que|tem que) (?:matar|atirar|dar um tiro|esfaquear|enforcar)|ti (?:ammazzo|uccido)|(?:lo|la|li) (?:ammazzo|uccido)|qualcuno dovrebbe (?:sparare|uccidere|ammazzare)|(?:ti |gli )?(?:ammazzero|uccidero|tagliero))\b/,
  },
  {
    name: 'call_to_violence_multilingual',
    category: 'violence',
    severity: 6,
    pattern: CALL_TO_VIOLENCE_MULTILINGUAL,
  },
  {
    name: 'group_should_suffer_multilingual',
    category: 'violence',
    severity: 6,
    pattern:
      /\b(?:(?:merite|meritent|doivent|devraient|doit|devrait) (?:d'?)?etre (?:extermine|elimine|massacre|tue|battu|chasse|aneanti)e?s?|(?:merecen|deben|deberian|merece|debe) ser (?:exterminad|eliminad|aniquilad|asesinad|golpead|matad|expulsad)[oa]s?|(?:verdienen|sollten|mussen|gehoren|sollte|muss) (?:\S+ ){0,4}(?:ausgerottet|ausgeloscht|ausgemerzt|vernichtet|vergast|getotet|erschossen|geschlagen|verprugelt)|(?:merecem|devem|deveriam|merece|deve) ser (?:exterminad|eliminad|aniquilad|mort|espancad|expuls)[oa]s?|(?:meritano|devono|dovrebbero|merita|deve) (?:di )?essere (?:sterminat|eliminat|uccis|picchiat|cacciat|annientat)[ioae])\b/,
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
