import type { Kysely } from 'kysely';
import type { ConsentState } from '../../pipeline/consent-state.js';
import type { Database } from '../../store/schema.js';
import { ConsentRepository } from './consent-repository.js';

/**
 * The consent the pipeline serves under, read from the ledger on every request: a withdrawal takes
 * effect on the very next list, in every process, with no cache to go stale. One indexed row.
 */
export async function servingConsentOf(db: Kysely<Database>, subjectId: string): Promise<ConsentState> {
  const latest = await new ConsentRepository(db).latest(subjectId, 'personalization');
  if (!latest) return NO_PERSONALIZATION_RECORD;
  return {
    personalization: latest.granted,
    source: latest.granted ? 'consent ledger: granted' : 'consent ledger: withdrawn',
    version: latest.seq,
  };
}

/** Consent is never presumed: a viewer who never answered gets the non-profiling feed. */
export const NO_PERSONALIZATION_RECORD: ConsentState = Object.freeze({
  personalization: false,
  source: 'consent ledger: never granted',
  version: 0,
});
