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

/**
 * For pipeline calls that do not come through the API (tests, offline runs): personalization is
 * ASSUMED, and the source says so. The server never uses it: it reads the consent ledger
 * (privacy/consent/serving-consent.ts) on every request.
 */
export const CONSENT_ASSUMED_WITHOUT_RECORDS: ConsentState = Object.freeze({
  personalization: true,
  source: 'default: no consent records yet',
  version: 0,
});
