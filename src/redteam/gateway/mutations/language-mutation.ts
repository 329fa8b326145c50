import type { Mutation } from '../mutation.js';
import type { SeedLanguage } from '../seeds/suite-seed.js';

const NAMES: Readonly<Record<SeedLanguage, string>> = {
  fr: 'French',
  es: 'Spanish',
  de: 'German',
  pt: 'Portuguese',
  it: 'Italian',
};

/** The same seed written in another language (the seeds carry their own translations). */
export function languageMutation(language: SeedLanguage): Mutation {
  return {
    name: `language-${language}`,
    description: `the seed written in ${NAMES[language]}`,
    appliesTo: ['attack', 'harm'],
    carrier: 'visible',
    mutate: (seed) => ({ text: seed.translations[language] }),
  };
}
