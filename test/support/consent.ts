import type { ImportConsent } from '../../src/import/import-runner.js';
import { DEFAULT_PURPOSES } from '../../src/privacy/consent/purposes.js';

/** What test imports record for every viewer: consent to be profiled, trained on and counted. */
export const TEST_IMPORT_CONSENT: ImportConsent = {
  grant: ['personalization', 'model_training', 'analytics'],
  actor: 'test',
  textVersion: DEFAULT_PURPOSES.textVersion,
};
