/**
 * What the viewer agreed to, as far as serving is concerned. Without `personalization` the pipeline uses
 * the non-profiling recommender and does not read the viewer's history at all.
 */
export interface ConsentState {
  readonly personalization: boolean;
  /** Where this state came from (a consent record, a default), for decision records. */
  readonly source: string;
  /** Version of the consent record; 0 when there is none. */
  readonly version: number;
}

/** Looks up a subject's consent; the privacy module provides the real one. */
export type ConsentProvider = (subjectId: string) => ConsentState | Promise<ConsentState>;

/**
 * A placeholder until consent records exist: personalization is ASSUMED, and the source says so, so
 * every decision record made under it can be found and re-examined once real consent is recorded.
 */
export const CONSENT_ASSUMED_WITHOUT_RECORDS: ConsentState = Object.freeze({
  personalization: true,
  source: 'default: no consent records yet',
  version: 0,
});

/** The provider to use until the privacy module records consent: always the placeholder above. */
export const assumedConsentWithoutRecords: ConsentProvider = () => CONSENT_ASSUMED_WITHOUT_RECORDS;
