import type { Kysely } from 'kysely';
import type { StoreDialect } from '../dialects/store-dialect.js';
import { type Clock, systemClock } from '../ids.js';
import type { Database } from '../schema.js';
import { CatalogRepository } from './catalog-repository.js';
import { FeedbackRepository } from './feedback-repository.js';
import { IngestBatchRepository } from './ingest-batch-repository.js';
import { InteractionRepository } from './interaction-repository.js';
import { SubjectRepository } from './subject-repository.js';
import type { SubjectKeyring } from '../../privacy/keyring/subject-keyring.js';

export { CatalogRepository, type ItemDetails, type ItemPage } from './catalog-repository.js';
export { FEEDBACK_KINDS, FeedbackRepository, type NewFeedback } from './feedback-repository.js';
export { hashIdempotencyKey, InteractionRepository, type NewInteraction } from './interaction-repository.js';
export { type SubjectPersonal, SubjectRepository } from './subject-repository.js';

export interface Repositories {
  catalog: CatalogRepository;
  subjects: SubjectRepository;
  interactions: InteractionRepository;
  batches: IngestBatchRepository;
  feedback: FeedbackRepository;
}

/** Repositories bound to a connection or a transaction. */
export function repositoriesFor(
  db: Kysely<Database>,
  dialect: StoreDialect,
  clock: Clock = systemClock,
  keyring?: SubjectKeyring,
): Repositories {
  return {
    catalog: new CatalogRepository(db, dialect, clock),
    subjects: new SubjectRepository(db, dialect, clock, keyring),
    interactions: new InteractionRepository(db, dialect),
    batches: new IngestBatchRepository(db, clock),
    feedback: new FeedbackRepository(db, clock, keyring),
  };
}
