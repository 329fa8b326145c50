import { ibanCheckDigits, luhnCheckDigit, verhoeffCheckDigit } from './checksums.js';
import { dniLetter } from './es-nif.js';
import { nirKey } from './fr-nir.js';
import { type PiiType } from './recognizer.js';
import { nhsCheckDigit } from './uk-nhs.js';

/*
 * A seeded corpus for recall/precision tests and the benchmark: sentences a viewer might type, with
 * PII embedded at known offsets, and benign sentences full of numbers that must not be flagged.
 * Everything is derived from the seed so failures reproduce.
 */

export interface ExpectedPii {
  readonly type: PiiType;
  readonly start: number;
  readonly end: number;
}

export interface PiiSample {
  readonly text: string;
  readonly expected: readonly ExpectedPii[];
  /** True when the sentence contains no PII at all. */
  readonly benign: boolean;
}

type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data; never Math.random so corpora reproduce. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const digits = (r: Rng, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const hex = (r: Rng, n: number): string =>
  Array.from({ length: n }, () => '0123456789abcdef'.charAt(int(r, 0, 15))).join('');
const letters = (r: Rng, n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(int(r, 65, 90))).join('');

const FIRST = [
  'anna',
  'james',
  'maria',
  'li',
  'omar',
  'sofia',
  'lucas',
  'emma',
  'noah',
  'priya',
  'jan',
  'chloe',
];
const LAST = ['ruiz', 'smith', 'jansen', 'dubois', 'khan', 'rossi', 'müller', 'tanaka', 'oconnor', 'silva'];
const DOMAINS = [
  'example.org',
  'gmail.com',
  'mail.co.uk',
  'web.de',
  'candor.tv',
  'outlook.fr',
  'uni-kiel.de',
];
const TITLES = [
  'The Godfather',
  'Jurassic Park',
  'Blade Runner 2049',
  '2001: A Space Odyssey',
  'Apollo 13',
  "Ocean's Eleven",
  '21 Jump Street',
  '10 Cloverfield Lane',
  'Se7en',
  'The Matrix',
  'Pulp Fiction',
  'Spirited Away',
  'Amélie',
  'Parasite',
  'Mad Max: Fury Road',
  'Miracle on 34th Street',
  'Jackie Brown',
  'Being John Malkovich',
  'Dr. Strangelove',
  'Mrs. Doubtfire',
  'Better Call Saul',
  'Catch Me If You Can',
];
const SHOWS = ['Better Call Saul', 'The Wire', 'Dark', 'Succession', 'Twin Peaks', 'The Crown', 'Severance'];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function email(r: Rng): string {
  const f = pick(r, FIRST);
  const l = pick(r, LAST).replace('ü', 'ue');
  const local = pick(r, [`${f}.${l}`, `${f}${int(r, 1, 99)}`, `${f.charAt(0)}${l}+films`, `${f}_${l}`]);
  return `${local}@${pick(r, DOMAINS)}`;
}

function phone(r: Rng): string {
  const area = pick(r, ['212', '310', '415', '312', '617', '206', '303', '512', '646', '213', '404', '702']);
  const exch = `${int(r, 2, 9)}${int(r, 0, 9)}${int(r, 2, 9)}`;
  const line = digits(r, 4);
  switch (int(r, 0, 11)) {
    case 0:
      return `(${area}) ${exch}-${line}`;
    case 1:
      return `${area}-${exch}-${line}`;
    case 2:
      return `${area}.${exch}.${line}`;
    case 3:
      return `+1 ${area} ${exch} ${line}`;
    case 4:
      return `+44 20 7${digits(r, 3)} ${digits(r, 4)}`;
    case 5:
      return `0044 20 7${digits(r, 3)} ${digits(r, 4)}`;
    case 6:
      return `+44 79${digits(r, 2)} ${digits(r, 6)}`;
    case 7:
      return `+33 ${pick(r, ['1', '6'])} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`;
    case 8:
      return `+49 151 ${digits(r, 8)}`;
    case 9:
      return `+34 6${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`;
    case 10:
      return `+91 9${digits(r, 4)} ${digits(r, 5)}`;
    default:
      return `+1-${area}-${exch}-${line}`;
  }
}

function groups(s: string, sizes: readonly number[], sep: string): string {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out.join(sep);
}

function creditCard(r: Rng): string {
  const sep = pick(r, [' ', '-', ' ', '']);
  const network = int(r, 0, 2);
  if (network === 2) {
    const payload = `3${pick(r, ['4', '7'])}${digits(r, 12)}`;
    return groups(payload + luhnCheckDigit(payload), [4, 6, 5], sep);
  }
  const payload = network === 0 ? `4${digits(r, 14)}` : `5${int(r, 1, 5)}${digits(r, 13)}`;
  return groups(payload + luhnCheckDigit(payload), [4, 4, 4, 4], sep);
}

function iban(r: Rng): string {
  const [country, bban] = pick(r, [
    ['DE', () => digits(r, 18)],
    ['GB', () => pick(r, ['WEST', 'BARC', 'NWBK', 'HBUK']) + digits(r, 14)],
    ['FR', () => digits(r, 23)],
    ['NL', () => pick(r, ['ABNA', 'INGB', 'RABO']) + digits(r, 10)],
    ['ES', () => digits(r, 20)],
    ['IT', () => letters(r, 1) + digits(r, 22)],
    ['BE', () => digits(r, 12)],
    ['CH', () => digits(r, 17)],
  ] as const);
  const b = bban();
  const compact = country + ibanCheckDigits(country, b) + b;
  return r() < 0.5 ? compact : (compact.match(/.{1,4}/g) ?? []).join(' ');
}

function ipAddress(r: Rng): string {
  switch (int(r, 0, 3)) {
    case 0:
    case 1:
      return `${int(r, 1, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
    case 2:
      return Array.from({ length: 8 }, () => hex(r, 4).replace(/^0+(?=.)/, '')).join(':');
    default:
      return pick(r, [
        `2001:db8::${hex(r, 3)}:${hex(r, 4)}`,
        `fe80::${hex(r, 4)}:${hex(r, 2)}ff:fe${hex(r, 2)}:${hex(r, 4)}`,
        `2a02:${hex(r, 3)}:${hex(r, 4)}::${int(r, 1, 9)}`,
      ]);
  }
}

function macAddress(r: Rng): string {
  const sep = pick(r, [':', '-']);
  return Array.from({ length: 6 }, () => hex(r, 2).toUpperCase()).join(sep);
}

function ssn(r: Rng): string {
  const area = r() < 0.9 ? int(r, 1, 665) : int(r, 667, 899);
  return `${pad(area, 3)}-${pad(int(r, 1, 99), 2)}-${pad(int(r, 1, 9999), 4)}`;
}

function nhs(r: Rng): string {
  for (;;) {
    const first9 = `${int(r, 4, 9)}${digits(r, 8)}`;
    const check = nhsCheckDigit(first9);
    if (check !== 10) return groups(first9 + check, [3, 3, 4], ' ');
  }
}

function sin(r: Rng): string {
  const payload = `${pick(r, ['1', '2', '3', '4', '5', '6', '7', '9'])}${digits(r, 7)}`;
  return groups(payload + luhnCheckDigit(payload), [3, 3, 3], pick(r, [' ', '-']));
}

function bsn(r: Rng): string {
  for (;;) {
    const first8 = `${int(r, 1, 9)}${digits(r, 7)}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * (9 - i);
    const last = sum % 11;
    if (last < 10) return first8 + last;
  }
}

function nif(r: Rng): string {
  if (r() < 0.6) {
    const n = int(r, 10000000, 99999999);
    return `${n}${dniLetter(n)}`;
  }
  const prefix = int(r, 0, 2);
  const body = digits(r, 7);
  return `${'XYZ'.charAt(prefix)}${body}${dniLetter(Number(`${prefix}${body}`))}`;
}

function aadhaar(r: Rng): string {
  const payload = `${int(r, 2, 9)}${digits(r, 10)}`;
  return groups(payload + verhoeffCheckDigit(payload), [4, 4, 4], ' ');
}

function nir(r: Rng): string {
  const first13 = `${int(r, 1, 2)}${pad(int(r, 0, 99), 2)}${pad(int(r, 1, 12), 2)}${pad(pick(r, [int(r, 1, 19), int(r, 21, 95)]), 2)}${pad(int(r, 1, 999), 3)}${pad(int(r, 1, 999), 3)}`;
  const key = pad(nirKey(first13), 2);
  return `${first13.charAt(0)} ${first13.slice(1, 3)} ${first13.slice(3, 5)} ${first13.slice(5, 7)} ${first13.slice(7, 10)} ${first13.slice(10, 13)} ${key}`;
}

function url(r: Rng): string {
  const user = `${pick(r, FIRST)}${int(r, 1, 999)}`;
  return pick(r, [
    `https://letterboxd.com/${user}/list/top-${int(r, 5, 50)}/`,
    `https://www.imdb.com/user/ur${digits(r, 8)}/watchlist`,
    `www.${user}.blog/reviews`,
  ]);
}

function personName(r: Rng): string {
  return `${cap(pick(r, FIRST))} ${cap(pick(r, LAST))}`;
}

function streetAddress(r: Rng): string {
  return pick(r, [
    `${int(r, 1, 999)}${pick(r, ['', 'B', 'A'])} ${pick(r, ['Baker', 'Elm', 'Maple', 'Victoria', 'Mission'])} ${pick(r, ['Street', 'Road', 'Avenue', 'Lane'])}`,
    `${int(r, 1, 2000)} ${pick(r, ['Pennsylvania', 'Market', 'Sunset'])} Avenue ${pick(r, ['NW', 'SE'])}`,
    `${int(r, 1, 99)} rue de la ${pick(r, ['Paix', 'Roquette', 'Gaîté'])}`,
  ]);
}

type Part = string | { readonly type: PiiType; readonly value: string };
type Template = (r: Rng) => Part[];

const v = (type: PiiType, value: string): Part => ({ type, value });

const PII_TEMPLATES: readonly Template[] = [
  (r) => ['Send the watchlist to ', v('email', email(r)), ' please.'],
  (r) => ['My email is ', v('email', email(r)), ', ping me when it is back on.'],
  (r) => ['contact: ', v('email', email(r))],
  (r) => ['Call me at ', v('phone', phone(r)), ' after 6pm about the screening.'],
  (r) => ['My number is ', v('phone', phone(r)), '.'],
  (r) => ['Text ', v('phone', phone(r)), ' when the film starts'],
  (r) => ['Reach me on ', v('phone', phone(r)), ' or by mail at ', v('email', email(r)), '.'],
  (r) => ['Charge my card ', v('credit_card', creditCard(r)), ' for the premium plan.'],
  (r) => ['Pay with ', v('credit_card', creditCard(r)), ' exp 09/27'],
  (r) => ['Use ', v('credit_card', creditCard(r)), ' please, the other one expired.'],
  (r) => ['Refund to IBAN ', v('iban', iban(r)), '.'],
  (r) => ['My account is ', v('iban', iban(r)), ' if you need it'],
  (r) => ['Wire it to ', v('iban', iban(r)), ' thanks'],
  (r) => ['Streaming stops on my server ', v('ip_address', ipAddress(r))],
  (r) => ['Login from ', v('ip_address', ipAddress(r)), ' was not me.'],
  (r) => ['My IP is ', v('ip_address', ipAddress(r)), ' and it is blocked'],
  (r) => ["My TV's MAC address is ", v('mac_address', macAddress(r))],
  (r) => ['Device ', v('mac_address', macAddress(r)), " can't connect to the app."],
  (r) => ['My SSN is ', v('us_ssn', ssn(r)), ', why do you need it?'],
  (r) => ['My NHS number is ', v('uk_nhs', nhs(r)), '.'],
  (r) => ['My SIN is ', v('ca_sin', sin(r)), ' for the Canadian account.'],
  (r) => ['Mijn BSN is ', v('nl_bsn', bsn(r)), '.'],
  (r) => ['Mi DNI es ', v('es_nif', nif(r)), '.'],
  (r) => ['Aadhaar ', v('in_aadhaar', aadhaar(r)), ' is linked to my account'],
  (r) => ['Numéro de sécurité sociale : ', v('fr_nir', nir(r))],
  (r) => ['See my list at ', v('url', url(r)), ' :)'],
  (r) => ['My name is ', v('person_name', personName(r)), ' and I love slow thrillers.'],
  (r) => ['I live at ', v('street_address', streetAddress(r)), ', can you ship the box set there?'],
];

const BENIGN_TEMPLATES: readonly ((r: Rng) => string)[] = [
  (r) => `Looking for ${pick(r, TITLES)} (${int(r, 1950, 2025)}), runtime ${int(r, 80, 200)} min.`,
  (r) =>
    `Is ${pick(r, TITLES)} worth $${int(r, 3, 29)}.${digits(r, 2)}? Critics gave it ${int(r, 1, 4)}.${int(r, 0, 9)}/5.`,
  (r) =>
    `Where can I stream ${pick(r, SHOWS)} S${pad(int(r, 1, 9), 2)}E${pad(int(r, 1, 24), 2)} in ${int(r, 720, 2160)}p?`,
  (r) =>
    `My order #${int(r, 10000, 99999)}-${int(r, 100, 999)} for the ${pick(r, TITLES)} Blu-ray hasn't arrived.`,
  (r) => `Order no. ${digits(r, 8)} was charged twice.`,
  (r) =>
    `ISBN 978-${int(r, 0, 9)}-${digits(r, 2)}-${digits(r, 6)}-${int(r, 0, 9)} is the novel behind ${pick(r, TITLES)}.`,
  (r) =>
    `${pick(r, TITLES)} premieres on ${pad(int(r, 1, 28), 2)}/${pad(int(r, 1, 12), 2)}/${int(r, 2020, 2027)} at ${int(r, 10, 23)}:${pick(r, ['00', '15', '30', '45'])}.`,
  (r) =>
    `It was released ${int(r, 1970, 2024)}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)} and re-released ${int(r, 1990, 2024)}.`,
  (r) =>
    `Season ${int(r, 1, 12)} episode ${int(r, 1, 24)} of ${pick(r, SHOWS)} was ${int(r, 40, 75)} minutes long.`,
  (r) =>
    `Top ${int(r, 5, 100)} films of ${int(r, 1960, 2024)}: ${pick(r, TITLES)}, ${pick(r, TITLES)} and ${pick(r, TITLES)}.`,
  (r) =>
    `${pick(r, TITLES)} made $${int(r, 1, 2)},${digits(r, 3)},${digits(r, 3)},${digits(r, 3)} worldwide.`,
  (r) => `Watch ${pick(r, TITLES)} in 4K HDR with 5.1 surround, ${int(r, 1, 3)}h ${int(r, 1, 59)}m.`,
  (r) =>
    `I rated ${pick(r, TITLES)} ${int(r, 1, 10)}/10 and ${pick(r, TITLES)} ${int(r, 1, 9)}.${int(r, 0, 9)}/10.`,
  (r) => `Version 2.${int(r, 0, 20)}.${int(r, 0, 9)} of the app crashes when I open ${pick(r, TITLES)}.`,
  (r) =>
    `The ${int(r, 1980, 2024)} remake has ${int(r, 1, 99)},${digits(r, 3)} reviews and a ${int(r, 10, 99)}% score.`,
  (r) => `I'm looking for films like ${pick(r, TITLES)} or ${pick(r, TITLES)}.`,
  (r) => `Thanks! Any more like ${pick(r, TITLES)}?`,
  () => 'Any thriller like Dr. Strangelove or Mrs. Doubtfire?',
  (r) => `${pick(r, TITLES)}`,
  (r) =>
    `Between ${int(r, 1990, 2010)} and ${int(r, 2011, 2024)} I watched ${int(r, 100, 999)} films, ${int(r, 10, 99)} of them twice.`,
  (r) =>
    `Timestamp ${int(r, 0, 2)}:${pad(int(r, 0, 59), 2)}:${pad(int(r, 0, 59), 2)} has a subtitle glitch in episode ${int(r, 1, 10)}.`,
  (r) =>
    `Ticket ${int(r, 100, 999)} ${int(r, 100, 999)} ${int(r, 100, 999)}, row ${int(r, 1, 30)} seat ${int(r, 1, 40)}.`,
];

/** Share of the corpus that is benign. */
const BENIGN_SHARE = 0.35;

function assemble(parts: readonly Part[]): PiiSample {
  let text = '';
  const expected: ExpectedPii[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    expected.push({ type: part.type, start: text.length, end: text.length + part.value.length });
    text += part.value;
  }
  return { text, expected, benign: expected.length === 0 };
}

/** `count` samples from `seed`; the same arguments always give the same corpus. */
export function generatePiiCorpus(seed: number, count: number): PiiSample[] {
  const r = mulberry32(seed);
  const out: PiiSample[] = [];
  for (let i = 0; i < count; i++) {
    if (r() < BENIGN_SHARE) out.push(assemble([pick(r, BENIGN_TEMPLATES)(r)]));
    else out.push(assemble(pick(r, PII_TEMPLATES)(r)));
  }
  return out;
}
