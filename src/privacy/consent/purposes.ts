import { createHash } from 'node:crypto';
import { z } from 'zod';

/** A purpose a viewer can agree to, in the words the viewer is shown. */
export interface ConsentPurpose {
  id: string;
  title: string;
  description: string;
}

/** The purposes Candor itself uses data for; a policy may declare more (never redefine these). */
export const BUILT_IN_PURPOSES: readonly ConsentPurpose[] = Object.freeze([
  {
    id: 'personalization',
    title: 'Personal recommendations',
    description:
      'We use what you watch, rate and tell us to choose and order the recommendations you see. ' +
      'Without it you get the same popular picks as everyone at your profile’s age level.',
  },
  {
    id: 'model_training',
    title: 'Improving the recommendation models',
    description:
      'Your viewing events, under a pseudonym, are part of the data our recommendation models learn ' +
      'from. Without it your events are left out of every new model.',
  },
  {
    id: 'analytics',
    title: 'Aggregate statistics',
    description:
      'Your activity is counted, under a pseudonym and with differential-privacy noise, in statistics ' +
      'our analysts see (for example how many viewers watch each genre). No one sees your own data.',
  },
  {
    id: 'demographics_for_fairness_audit',
    title: 'Fairness checks with your demographics',
    description:
      'Your gender, age band and occupation are used only to check that recommendations serve every ' +
      'group of viewers equally well. Without it they are not kept or used.',
  },
]);

export type BuiltInPurpose =
  'personalization' | 'model_training' | 'analytics' | 'demographics_for_fairness_audit';

export const purposeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'a purpose id is snake_case: a-z, 0-9 and _, 2 to 63 characters');

export const purposeSchema = z.strictObject({
  id: purposeIdSchema,
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(1000),
});

/** The purposes in force and the version of their wording, which every consent event records. */
export interface ConsentPurposes {
  readonly list: readonly ConsentPurpose[];
  readonly ids: ReadonlySet<string>;
  /** `consent-text-<sha256 of the wording, 16 hex>`: changes whenever a title or description does. */
  readonly textVersion: string;
}

/** The built-in purposes plus a policy's own; an id declared twice is an error naming it. */
export function consentPurposes(extra: readonly ConsentPurpose[] = []): ConsentPurposes {
  const list = [...BUILT_IN_PURPOSES, ...extra];
  const ids = new Set<string>();
  for (const purpose of list) {
    if (ids.has(purpose.id)) throw new Error(`consent purpose '${purpose.id}' is declared twice`);
    ids.add(purpose.id);
  }
  const wording = JSON.stringify(list.map(({ id, title, description }) => [id, title, description]));
  const textVersion = `consent-text-${createHash('sha256').update(wording).digest('hex').slice(0, 16)}`;
  return { list, ids, textVersion };
}

export const DEFAULT_PURPOSES = consentPurposes();
