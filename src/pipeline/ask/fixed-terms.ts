import { type ItemKind } from '../../catalog/catalog-records.js';

/** Words whose meaning does not depend on the catalog: kinds, languages, audiences, order, era, length. */

export const KIND_TERMS: Readonly<Record<'film' | 'series' | 'episode' | 'track', readonly string[]>> = {
  film: ['film', 'movie', 'flick', 'feature', 'feature film', 'motion picture', 'cinema', 'tv movie'],
  series: [
    'series',
    'show',
    'tv',
    'tv show',
    'tv series',
    'television',
    'miniseries',
    'mini series',
    'box set',
    'season',
    'binge',
  ],
  episode: ['episode'],
  track: ['song', 'music', 'track', 'album', 'playlist', 'tune', 'single'],
} satisfies Record<ItemKind, readonly string[]>;

export interface LanguageEntry {
  readonly code: string;
  readonly name: string;
  readonly terms: readonly string[];
}

const language = (code: string, name: string, ...terms: string[]): LanguageEntry => ({
  code,
  name,
  terms: [name, ...terms],
});

export const LANGUAGES: readonly LanguageEntry[] = [
  language('en', 'English', 'anglophone'),
  language('fr', 'French', 'francais', 'francophone'),
  language('es', 'Spanish', 'espanol', 'castilian', 'spanish language'),
  language('de', 'German', 'deutsch'),
  language('it', 'Italian', 'italiano'),
  language('pt', 'Portuguese', 'brazilian', 'portugues'),
  language('ja', 'Japanese'),
  language('ko', 'Korean'),
  language('zh', 'Chinese', 'mandarin', 'cantonese'),
  language('hi', 'Hindi'),
  language('ru', 'Russian'),
  language('sv', 'Swedish'),
  language('da', 'Danish'),
  language('no', 'Norwegian'),
  language('nl', 'Dutch', 'flemish'),
  language('pl', 'Polish'),
  language('tr', 'Turkish'),
  language('ar', 'Arabic'),
  language('el', 'Greek'),
  language('fa', 'Persian', 'farsi'),
  language('th', 'Thai'),
  language('he', 'Hebrew'),
  language('fi', 'Finnish'),
  language('uk', 'Ukrainian'),
];

export function languageName(code: string): string {
  return LANGUAGES.find((entry) => entry.code === code)?.name ?? code;
}

/** Audience phrases that say who is watching, not what; null lifts the limit. */
export const AUDIENCE_TERMS: readonly (readonly [string, number | null])[] = [
  ['family night', 1],
  ['family evening', 1],
  ['family movie night', 1],
  ['whole family', 1],
  ['with my family', 1],
  ['with the family', 1],
  ['with family', 1],
  ['for the family', 1],
  ['family friendly', 1],
  ['kid friendly', 1],
  ['kids friendly', 1],
  ['child friendly', 1],
  ['with my kids', 1],
  ['with the kids', 1],
  ['with kids', 1],
  ['with my children', 1],
  ['with the children', 1],
  ['with children', 1],
  ['for the kids', 1],
  ['for my kids', 1],
  ['older kids', 1],
  ['all ages', 0],
  ['for everyone', 0],
  ['rated g', 0],
  ['g rated', 0],
  ['pg', 2],
  ['pg 13', 3],
  ['teen', 3],
  ['teens', 3],
  ['teenager', 3],
  ['teenagers', 3],
  ['teenage', 3],
  ['adolescent', 3],
  ['young adult', 3],
  ['adults only', null],
  ['adult', null],
  ['adults', null],
  ['grown ups', null],
  ['grownups', null],
  ['mature audiences', null],
];

export const SORT_TERMS: readonly (readonly [string, 'newest' | 'oldest' | 'shortest'])[] = [
  ['newest', 'newest'],
  ['newest first', 'newest'],
  ['latest', 'newest'],
  ['most recent', 'newest'],
  ['oldest', 'oldest'],
  ['oldest first', 'oldest'],
  ['earliest', 'oldest'],
  ['shortest', 'shortest'],
  ['shortest first', 'shortest'],
  ['quickest', 'shortest'],
];

export const ERA_TERMS: readonly (readonly [string, 'recent' | 'classic'])[] = [
  ['recent', 'recent'],
  ['new', 'recent'],
  ['newer', 'recent'],
  ['brand new', 'recent'],
  ['new releases', 'recent'],
  ['new release', 'recent'],
  ['modern', 'recent'],
  ['classic', 'classic'],
  ['classics', 'classic'],
  ['old', 'classic'],
  ['older', 'classic'],
  ['old school', 'classic'],
  ['vintage', 'classic'],
  ['golden age', 'classic'],
  ['oldies', 'classic'],
];

export const LENGTH_TERMS: readonly (readonly [string, 'short' | 'long'])[] = [
  ['short', 'short'],
  ['shorter', 'short'],
  ['quick', 'short'],
  ['brief', 'short'],
  ['bite sized', 'short'],
  ['long', 'long'],
  ['longer', 'long'],
  ['lengthy', 'long'],
];

export const NEGATION_TERMS: readonly string[] = [
  'no',
  'not',
  'without',
  'except',
  'excluding',
  'exclude',
  'avoid',
  'nothing',
  'none',
  'never',
  'skip',
  'minus',
  'anything but',
  'but not',
  'rather than',
  'instead of',
  'dont want',
  'dont like',
  'do not want',
  'do not like',
  'hate',
  'dislike',
  'free of',
  'non',
];

export const SIMILAR_TERMS: readonly string[] = [
  'like',
  'similar to',
  'similar',
  'in the style of',
  'in the vein of',
  'along the lines of',
  'reminiscent of',
  'comparable to',
  'akin to',
  'resembling',
  'same vibe as',
  'the same vibe as',
  'more like',
];

/** Nouns a count can stand before ("5 picks"). */
export const PICK_NOUNS: readonly string[] = [
  'pick',
  'picks',
  'suggestion',
  'suggestions',
  'recommendation',
  'recommendations',
  'option',
  'options',
  'idea',
  'ideas',
  'title',
  'titles',
  'thing',
  'things',
  'choices',
  'choice',
];

/** Function words and request padding: understood as carrying no constraint. */
export const FILLER_TERMS: readonly string[] = [
  ...PICK_NOUNS,
  ...'a an the some something anything any i id im ive me my we us our you your want wanna would wed could can should please thanks thank need looking look for to of with and or but nor too very really quite pretty so just good great nice best top watch watching see listen listening hear play put on tonight today night evening afternoon weekend is are be was it its this that these those what which who recommend suggest give find get show me maybe perhaps also in from at by about around over under more less much lots bit kind sort type stuff content one ones got have has do does how some all every other ok okay hey hi hello there here tell let lets try feel mood vibe vibes time sunday saturday friday rainy day days couch together enjoy love lovely'.split(
    ' ',
  ),
  'show me',
  'show us',
  'kind of',
  'sort of',
  'in the mood for',
  'i am',
  'looking for',
];
