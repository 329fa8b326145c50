/**
 * The words viewers use for genres and moods. A group names the catalog genres it stands for (matched by
 * their name or id, in normalized form) and the everyday words for them; a catalog without such a genre
 * simply gets none of these words, so the parser never wants a genre the catalog lacks.
 */

export type GenreDomain = 'screen' | 'music';

export interface GenreGroup {
  readonly key: string;
  readonly domain: GenreDomain;
  /** Catalog genre names or ids (normalized) that belong to the group. */
  readonly names: readonly string[];
  /** Everyday words for the group; plurals are added automatically. */
  readonly terms: readonly string[];
}

const screen = (key: string, names: string[], terms: string[]): GenreGroup => ({
  key,
  domain: 'screen',
  names,
  terms,
});
const music = (key: string, names: string[], terms: string[]): GenreGroup => ({
  key,
  domain: 'music',
  names,
  terms,
});

export const GENRE_GROUPS: readonly GenreGroup[] = [
  screen(
    'action',
    ['action'],
    ['action', 'action packed', 'martial arts', 'kung fu', 'explosions', 'car chases'],
  ),
  screen('adventure', ['adventure'], ['adventure', 'adventurous', 'quest', 'swashbuckler', 'treasure hunt']),
  screen('animation', ['animation', 'animated'], ['animation', 'animated', 'cartoon', 'stop motion']),
  screen(
    'comedy',
    ['comedy', 'comedies'],
    [
      'comedy',
      'funny',
      'hilarious',
      'laugh',
      'laughs',
      'humor',
      'humour',
      'humorous',
      'comic',
      'witty',
      'silly',
      'goofy',
      'funnier',
      'make me laugh',
    ],
  ),
  screen(
    'crime',
    ['crime'],
    ['crime', 'criminal', 'heist', 'gangster', 'mafia', 'mob', 'detective', 'cop', 'police'],
  ),
  screen(
    'documentary',
    ['documentary', 'documentaries'],
    [
      'documentary',
      'doc',
      'docu',
      'true story',
      'true stories',
      'real life',
      'based on a true story',
      'nonfiction',
      'non fiction',
    ],
  ),
  screen('drama', ['drama'], ['drama', 'dramatic', 'period drama']),
  screen(
    'family',
    ['family', 'childrens', 'children', 'kids', 'kid'],
    ['family', 'family film', 'family movie'],
  ),
  screen(
    'fantasy',
    ['fantasy'],
    ['fantasy', 'magic', 'magical', 'wizard', 'dragons', 'fairy tale', 'fairytale', 'mythical'],
  ),
  screen(
    'horror',
    ['horror'],
    [
      'horror',
      'scary',
      'scarier',
      'creepy',
      'spooky',
      'frightening',
      'terrifying',
      'horrifying',
      'slasher',
      'zombie',
      'ghost',
      'haunted',
      'gore',
      'gory',
      'scare',
      'jump scares',
    ],
  ),
  screen('musical', ['musical', 'musicals'], ['musical', 'song and dance', 'broadway']),
  screen('mystery', ['mystery'], ['mystery', 'mysteries', 'whodunit', 'whodunnit', 'mysterious']),
  screen('noir', ['film noir', 'noir'], ['noir', 'film noir', 'neo noir']),
  screen('romance', ['romance'], ['romance', 'romantic', 'love story', 'love stories', 'date night']),
  screen(
    'sci-fi',
    ['sci fi', 'science fiction', 'scifi', 'sf'],
    [
      'sci fi',
      'science fiction',
      'space',
      'outer space',
      'futuristic',
      'aliens',
      'robots',
      'robot',
      'cyberpunk',
      'dystopian',
      'dystopia',
      'time travel',
      'space opera',
    ],
  ),
  screen(
    'thriller',
    ['thriller'],
    [
      'thriller',
      'thrilling',
      'suspense',
      'suspenseful',
      'tense',
      'gripping',
      'edge of my seat',
      'edge of your seat',
    ],
  ),
  screen('war', ['war'], ['war', 'wartime', 'military', 'world war', 'soldiers']),
  screen('western', ['western'], ['western', 'cowboy', 'wild west']),
  music('pop', ['pop'], ['pop', 'pop music', 'catchy']),
  music('rock', ['rock'], ['rock', 'rock and roll', 'rock n roll', 'punk', 'grunge', 'indie rock']),
  music('hip-hop', ['hip hop', 'hiphop', 'rap'], ['hip hop', 'rap', 'rapper', 'trap']),
  music(
    'electronic',
    ['electronic', 'electronica', 'edm', 'dance'],
    ['electronic', 'electronica', 'edm', 'techno', 'house music', 'trance', 'dance music', 'synth'],
  ),
  music(
    'r-n-b',
    ['r&b', 'r and b', 'rnb', 'r n b', 'soul'],
    ['r&b', 'r and b', 'rnb', 'rhythm and blues', 'soul'],
  ),
  music('jazz', ['jazz'], ['jazz', 'jazzy', 'swing', 'bebop', 'smooth jazz']),
  music(
    'classical',
    ['classical', 'classical music'],
    ['classical', 'orchestral', 'symphony', 'symphonic', 'opera', 'baroque'],
  ),
  music('country', ['country'], ['country', 'country music', 'bluegrass']),
  music('folk', ['folk'], ['folk', 'acoustic', 'singer songwriter']),
  music('metal', ['metal', 'heavy metal'], ['metal', 'heavy metal']),
  music(
    'ambient',
    ['ambient', 'lo fi', 'lofi', 'chillout', 'new age'],
    ['ambient', 'lo fi', 'lofi', 'chillout'],
  ),
  music('blues', ['blues'], ['blues']),
];

/**
 * Words that carry more than a genre: an audience (kids), a kind (sitcom) or a language (anime). The
 * extra meanings are named here and resolved by the vocabulary.
 */
export interface CompoundTerm {
  readonly term: string;
  readonly groups: readonly string[];
  readonly audienceLevel?: number;
  readonly kind?: 'film' | 'series' | 'track';
  readonly language?: string;
}

export const COMPOUND_TERMS: readonly CompoundTerm[] = [
  { term: 'kids', groups: ['family'], audienceLevel: 1 },
  { term: 'kid', groups: ['family'], audienceLevel: 1 },
  { term: 'children', groups: ['family'], audienceLevel: 1 },
  { term: "children's", groups: ['family'], audienceLevel: 1 },
  { term: 'child', groups: ['family'], audienceLevel: 1 },
  { term: 'family', groups: ['family'], audienceLevel: 1 },
  { term: 'toddler', groups: ['family'], audienceLevel: 0 },
  { term: 'toddlers', groups: ['family'], audienceLevel: 0 },
  { term: 'preschool', groups: ['family'], audienceLevel: 0 },
  { term: 'preschoolers', groups: ['family'], audienceLevel: 0 },
  { term: 'little ones', groups: ['family'], audienceLevel: 0 },
  { term: 'sitcom', groups: ['comedy'], kind: 'series' },
  { term: 'sitcoms', groups: ['comedy'], kind: 'series' },
  { term: 'docuseries', groups: ['documentary'], kind: 'series' },
  { term: 'romcom', groups: ['comedy', 'romance'] },
  { term: 'rom com', groups: ['comedy', 'romance'] },
  { term: 'romcoms', groups: ['comedy', 'romance'] },
  { term: 'rom coms', groups: ['comedy', 'romance'] },
  { term: 'anime', groups: ['animation'], language: 'ja' },
  { term: 'k drama', groups: ['drama'], kind: 'series', language: 'ko' },
  { term: 'k dramas', groups: ['drama'], kind: 'series', language: 'ko' },
  { term: 'kdrama', groups: ['drama'], kind: 'series', language: 'ko' },
  { term: 'bollywood', groups: ['musical'], language: 'hi' },
];

/**
 * Moods point at several groups, screen and music apart: once the request names its kinds, only the
 * matching side is used (relaxing music is jazz, a relaxing film is a comedy).
 */
export interface Mood {
  readonly label: string;
  readonly terms: readonly string[];
  readonly screen: readonly string[];
  readonly music: readonly string[];
}

export const MOODS: readonly Mood[] = [
  {
    label: 'relaxing',
    terms: [
      'relaxing',
      'relax',
      'relaxed',
      'calm',
      'calming',
      'chill',
      'chilled',
      'chill out',
      'mellow',
      'peaceful',
      'soothing',
      'cozy',
      'cosy',
      'laid back',
      'easygoing',
      'easy going',
      'gentle',
      'unwind',
    ],
    screen: ['comedy', 'animation', 'family', 'romance'],
    music: ['classical', 'jazz', 'ambient', 'folk'],
  },
  {
    label: 'for studying',
    terms: [
      'study',
      'studying',
      'focus',
      'focusing',
      'concentrate',
      'concentration',
      'concentrating',
      'homework',
      'reading',
      'background',
    ],
    screen: [],
    music: ['classical', 'ambient', 'jazz'],
  },
  {
    label: 'for sleep',
    terms: ['sleep', 'sleeping', 'fall asleep', 'bedtime'],
    screen: [],
    music: ['classical', 'ambient'],
  },
  {
    label: 'uplifting',
    terms: [
      'uplifting',
      'feel good',
      'feelgood',
      'heartwarming',
      'heart warming',
      'happy',
      'cheerful',
      'wholesome',
      'inspiring',
      'inspirational',
      'lighthearted',
      'light hearted',
      'fun',
      'light',
    ],
    screen: ['comedy', 'family', 'musical', 'animation'],
    music: ['pop', 'folk'],
  },
  {
    label: 'upbeat',
    terms: ['upbeat', 'energetic', 'party', 'workout', 'gym', 'dancing', 'pump me up', 'high energy'],
    screen: ['action', 'comedy'],
    music: ['pop', 'electronic', 'hip-hop', 'rock'],
  },
  {
    label: 'dark',
    terms: ['dark', 'gritty', 'bleak', 'grim', 'disturbing', 'twisted', 'brooding'],
    screen: ['crime', 'thriller', 'noir'],
    music: ['metal'],
  },
  {
    label: 'mind-bending',
    terms: [
      'mind bending',
      'mind blowing',
      'twist',
      'twists',
      'twisty',
      'cerebral',
      'thought provoking',
      'clever',
    ],
    screen: ['mystery', 'sci-fi', 'thriller'],
    music: [],
  },
  {
    label: 'exciting',
    terms: ['exciting', 'adrenaline', 'thrill ride', 'intense', 'epic'],
    screen: ['action', 'adventure', 'thriller'],
    music: ['rock', 'electronic'],
  },
  {
    label: 'violent',
    terms: ['violence', 'violent', 'bloody', 'blood', 'brutal', 'killing', 'guns', 'fighting'],
    screen: ['action', 'horror', 'war'],
    music: [],
  },
  {
    label: 'moving',
    terms: [
      'sad',
      'emotional',
      'tearjerker',
      'tear jerker',
      'moving',
      'touching',
      'poignant',
      'heartbreaking',
      'cry',
    ],
    screen: ['drama', 'romance'],
    music: ['folk', 'blues'],
  },
];
