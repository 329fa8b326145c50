import { weightedTable } from './seeded-random.js';

/** Word lists the synthetic generator builds names, titles and synopses from. Changing them changes the bytes. */

// A word list reads better packed.
// prettier-ignore
export const ADJECTIVES = [
  'Silent', 'Broken', 'Golden', 'Last', 'Hidden', 'Burning', 'Quiet', 'Distant', 'Crimson', 'Endless', 'Wild',
  'Frozen', 'Bright', 'Lost', 'Secret', 'Falling', 'Electric', 'Hollow', 'Northern', 'Midnight', 'Restless',
  'Paper', 'Iron', 'Velvet', 'Glass', 'Little', 'Final', 'Second', 'Open', 'Strange',
] as const;

// A word list reads better packed.
// prettier-ignore
export const NOUNS = [
  'River', 'Garden', 'Empire', 'Signal', 'Harbor', 'Winter', 'Promise', 'Mirror', 'Kingdom', 'Road', 'Letter',
  'Storm', 'Island', 'Station', 'Summer', 'Machine', 'Orchard', 'Frontier', 'Witness', 'Horizon', 'Lantern',
  'Circle', 'Shadow', 'Echo', 'Tide', 'Compass', 'Fortune', 'Orbit', 'Canyon', 'Festival',
] as const;

// A word list reads better packed.
// prettier-ignore
export const PLURAL_NOUNS = [
  'Wolves', 'Pilots', 'Strangers', 'Sparrows', 'Rivers', 'Engines', 'Saints', 'Comets', 'Lanterns', 'Tigers',
  'Mirrors', 'Giants', 'Drifters', 'Ghosts', 'Satellites', 'Foxes', 'Sailors', 'Dreamers', 'Kings', 'Echoes',
] as const;

// A word list reads better packed.
// prettier-ignore
export const CHARACTERS = [
  'a retired detective', 'two estranged sisters', 'a young inventor', 'a small-town teacher',
  'a reluctant heir', 'a stranded astronaut', 'a street musician', 'an overworked nurse',
  'a family of farmers', 'a runaway teenager', 'a grieving father', 'a rookie reporter', 'a cunning thief',
  'an elderly couple', 'a talking fox', 'a band of misfits', 'a disgraced chef', 'a lonely robot',
  'a young queen', 'a night-shift guard',
] as const;

// A word list reads better packed.
// prettier-ignore
export const ACTIONS = [
  'uncovers a secret', 'tries to win back a lost love', 'races against time', 'starts over',
  'plans one last job', 'searches for the truth', 'forms an unlikely friendship', 'faces an old rival',
  'keeps a dangerous promise', 'follows a mysterious map', 'fights to save a home', 'learns to trust again',
  'chases a forgotten dream', 'hides from the past', 'protects a stranger', 'solves an impossible puzzle',
] as const;

// A word list reads better packed.
// prettier-ignore
export const SETTINGS = [
  'a coastal village', 'a crowded city', 'a remote mountain town', 'a dying space station',
  'an enchanted forest', 'a desert highway', 'a boarding school', 'a frozen border town', 'a floating market',
  'a haunted manor', 'a busy hospital', 'a small island', 'the near future', 'a divided kingdom',
  'a jazz-age nightclub',
] as const;

// A word list reads better packed.
// prettier-ignore
export const MOODS = [
  'upbeat', 'melancholy', 'dreamy', 'driving', 'tender', 'anthemic', 'brooding', 'playful', 'hypnotic',
  'soulful',
] as const;

// A word list reads better packed.
// prettier-ignore
export const EPISODE_WORDS = [
  'Pilot', 'Homecoming', 'The Visitor', 'Crossroads', 'Old Friends', 'The Offer', 'Aftermath', 'First Light',
  'Fault Lines', 'The Reckoning', 'Open Water', 'Night Moves', 'Inheritance', 'Thaw', 'The Long Way',
  'Endgame',
] as const;

// A word list reads better packed.
// prettier-ignore
export const FIRST_NAMES = [
  'Amara', 'Kenji', 'Sofia', 'Mateo', 'Aisha', 'Lukas', 'Priya', 'Diego', 'Mei', 'Olusegun', 'Hana', 'Tomas',
  'Fatima', 'Arjun', 'Elena', 'Kwame', 'Ingrid', 'Rafael', 'Yuki', 'Nadia', 'Samuel', 'Leila', 'Chen',
  'Zanele', 'Marco', 'Ana', 'Omar', 'Freya', 'Tariq', 'Lucia', 'James', 'Emma', 'Noah', 'Grace', 'Ravi',
  'Ines',
] as const;

// A word list reads better packed.
// prettier-ignore
export const LAST_NAMES = [
  'Okafor', 'Tanaka', 'Rossi', 'Hernandez', 'Khan', 'Novak', 'Sharma', 'Silva', 'Wang', 'Adeyemi', 'Kim',
  'Lindqvist', 'Haddad', 'Patel', 'Moreau', 'Mensah', 'Berg', 'Alvarez', 'Sato', 'Nguyen', 'Cohen', 'Dubois',
  'Kowalski', 'Mbeki', 'Costa', 'Murphy', 'Walker', 'Johnson', 'Garcia', 'Ahmed', 'Fischer', 'Ito',
] as const;

/** Creator regions, roughly as they appear in a Western streaming catalog. */
export const REGIONS = weightedTable([
  ['north-america', 35],
  ['europe', 28],
  ['east-asia', 10],
  ['latin-america', 9],
  ['south-asia', 7],
  ['africa', 5],
  ['middle-east', 3],
  ['oceania', 3],
] as const);

/** Language of a title given its first creator's region. */
export const LANGUAGES_BY_REGION = {
  'north-america': weightedTable([
    ['en', 94],
    ['es', 4],
    ['fr', 2],
  ] as const),
  europe: weightedTable([
    ['en', 42],
    ['fr', 16],
    ['de', 12],
    ['es', 10],
    ['it', 8],
    ['sv', 6],
    ['pl', 6],
  ] as const),
  'east-asia': weightedTable([
    ['ja', 40],
    ['ko', 35],
    ['zh', 25],
  ] as const),
  'latin-america': weightedTable([
    ['es', 64],
    ['pt-BR', 30],
    ['en', 6],
  ] as const),
  'south-asia': weightedTable([
    ['hi', 58],
    ['ta', 16],
    ['en', 26],
  ] as const),
  africa: weightedTable([
    ['en', 50],
    ['fr', 24],
    ['sw', 12],
    ['yo', 14],
  ] as const),
  'middle-east': weightedTable([
    ['ar', 50],
    ['tr', 22],
    ['fa', 18],
    ['he', 10],
  ] as const),
  oceania: weightedTable([['en', 100]] as const),
} as const;

export type Region = keyof typeof LANGUAGES_BY_REGION;

export const ADULT_AGE_BANDS = weightedTable([
  ['18-24', 18],
  ['25-34', 30],
  ['35-44', 24],
  ['45-54', 16],
  ['55+', 12],
] as const);

export const GENDERS = weightedTable([
  ['female', 49],
  ['male', 48],
  ['non-binary', 3],
] as const);

// A word list reads better packed.
// prettier-ignore
export const ADULT_OCCUPATIONS = [
  'engineer', 'teacher', 'nurse', 'student', 'artist', 'sales', 'manager', 'technician', 'writer', 'lawyer',
  'retired', 'self-employed', 'scientist', 'homemaker', 'doctor', 'clerical', 'trades', 'unemployed',
] as const;

export const MINOR_OCCUPATION = 'K-12 student';
