import type { VersionedPolicy } from '../config/serving-policy.js';
import type { ConsentPurpose, ConsentPurposes } from './consent/purposes.js';

/**
 * What Candor keeps about a viewer, why, and for how long, in plain language (GDPR Art. 13): generated
 * from the serving policy in force (its retention limits) and the consent purposes, so the notice a
 * viewer reads changes when the policy does. The categories mirror the data an export and an erasure
 * cover; the retention run (privacy/retention) enforces the limits quoted here.
 */

export interface Retention {
  /** Days after which the data is purged; null: kept until the account is deleted; 0: never stored. */
  days: number | null;
  /** The same in words. */
  text: string;
}

export interface DataCategory {
  id: string;
  name: string;
  /** What exactly is kept. */
  what: string;
  /** What it is used for. */
  why: string;
  /** The consent purposes that govern its use; empty when it is needed to run the service at all. */
  purposes: string[];
  retention: Retention;
}

export interface PrivacyNotice {
  policyVersion: string;
  /** The version of the consent wording below (the one `PUT /v1/me/consents` expects back). */
  consentTextVersion: string;
  purposes: ConsentPurpose[];
  categories: DataCategory[];
}

const UNTIL_DELETED: Retention = { days: null, text: 'Until you delete your account.' };

const days = (count: number, after: string): Retention => ({
  days: count,
  text: `${count.toLocaleString('en')} days ${after}, then deleted.`,
});

export function privacyNotice(policy: VersionedPolicy, purposes: ConsentPurposes): PrivacyNotice {
  const retention = policy.policy.privacy.retention;
  const categories: DataCategory[] = [
    {
      id: 'account',
      name: 'Your account',
      what: 'Your username, your password (only as a one-way argon2id hash), your profile kind (adult, teen or kids) and age band.',
      why: 'To sign you in and to apply the age limits of your profile on every page.',
      purposes: [],
      retention: UNTIL_DELETED,
    },
    {
      id: 'personal-details',
      name: 'Personal details',
      what: 'Your display name, email, gender and occupation, encrypted with a key of your own.',
      why: 'Recommendations never use them. Gender, age band and occupation are used only to check that recommendations serve every group of viewers equally well, and only while you agree.',
      purposes: ['demographics_for_fairness_audit'],
      retention: UNTIL_DELETED,
    },
    {
      id: 'viewing',
      name: 'What you watch',
      what: 'The titles you view, complete, like or rate, and when.',
      why: 'To choose your personal recommendations, to train the models under a pseudonym, and to count you in aggregate statistics: each only while you agree to it.',
      purposes: ['personalization', 'model_training', 'analytics'],
      retention: days(retention.rawEventsDays, 'after you watched'),
    },
    {
      id: 'feedback',
      name: 'Your feedback',
      what: 'Thumbs up or down, ratings and the titles you marked “not interested”.',
      why: 'Titles you turned down are kept off your lists; thumbs and ratings shape your personal recommendations while you agree.',
      purposes: ['personalization'],
      retention: days(retention.feedbackDays, 'after you gave it'),
    },
    {
      id: 'feedback-reasons',
      name: 'Reasons you write',
      what: 'The optional reason you type when you mark a title “not interested”, encrypted with your key.',
      why: 'Kept with your feedback so that it says what you meant.',
      purposes: [],
      retention: {
        days: retention.freeTextDays,
        text: `${retention.freeTextDays.toLocaleString('en')} days, then blanked (the rest of the feedback stays as long as the feedback does).`,
      },
    },
    {
      id: 'reviews',
      name: 'Your reviews',
      what: 'The reviews you post, with personal data removed before they are stored, encrypted with your key.',
      why: 'Shown to other viewers on the title’s page.',
      purposes: [],
      retention: UNTIL_DELETED,
    },
    {
      id: 'searches',
      name: 'What you search for and ask',
      what: 'Nothing of the words themselves: they are checked for safety and used for that one request. The safety check records only what kind of thing it found.',
      why: 'To answer your search or request.',
      purposes: [],
      retention: { days: 0, text: 'Not stored.' },
    },
    {
      id: 'served-lists',
      name: 'The lists you were shown',
      what: 'Each list of recommendations served to you: the titles, their reasons, and the model and policy that chose them, under a pseudonym.',
      why: 'So that every recommendation can be explained to you and checked by auditors.',
      purposes: [],
      retention: days(retention.decisionRecordsDays, 'after the list was served'),
    },
    {
      id: 'consents',
      name: 'Your consent answers',
      what: 'Every time you agreed or withdrew, with the time and the version of the wording you were shown.',
      why: 'To prove what you agreed to and when.',
      purposes: [],
      retention: UNTIL_DELETED,
    },
    {
      id: 'sessions',
      name: 'Sign-in sessions',
      what: 'When each session started, and when it expires or was ended.',
      why: 'To keep you signed in, and to end a session everywhere when asked.',
      purposes: [],
      retention: days(retention.sessionsDays, 'after the session expired or was ended'),
    },
    {
      id: 'audit-log',
      name: 'The audit log',
      what: 'A record of each action on your data (reads, changes, exports), under a tag that only your own data key links to you.',
      why: 'Accountability: who did what with your data, in a log that cannot be altered unnoticed.',
      purposes: [],
      retention: {
        days: null,
        text: 'Kept; once you delete your account, your key is destroyed and the entries can no longer be linked to you.',
      },
    },
  ];
  return {
    policyVersion: policy.version,
    consentTextVersion: purposes.textVersion,
    purposes: purposes.list.map(({ id, title, description }) => ({ id, title, description })),
    categories,
  };
}
