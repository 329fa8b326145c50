import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config-schema.js';
import type { VersionedPolicy } from '../config/serving-policy.js';
import type { ExposureLedger } from '../pipeline/exposure-ledger.js';
import type { ServedExposureTallies } from '../rerank/served-exposure.js';
import type { AuditSink } from '../governance/audit/audit-entry.js';
import type { LivePolicy } from '../governance/policy/live-policy.js';
import type { PolicyHistory } from '../governance/policy/policy-history.js';
import type { PolicyState } from './policy-state.js';
import type { DecisionReader } from '../governance/decisions/decision-reader.js';
import type { DecisionRecorder } from '../governance/decisions/decision-recorder.js';
import type { ConsentRepository } from '../privacy/consent/consent-repository.js';
import type { ConsentPurposes } from '../privacy/consent/purposes.js';
import type { Pseudonymizer } from '../privacy/pseudonymizer.js';
import type { BlocklistRepository } from '../safety/blocklist/blocklist-repository.js';
import type { SafetyQueue } from '../safety/curation/safety-queue.js';
import type { SafetyGateway } from '../safety/gateway/safety-gateway.js';
import type { Clock } from '../store/ids.js';
import type { Store } from '../store/open-store.js';
import type { AuditJobs } from './audit-jobs.js';
import type { AuthService } from './auth/auth-service.js';
import type { ServingModel } from './serving-model.js';
import type { ViewerDataCache } from './viewer-data-cache.js';

/** Everything routes call into, built once per process. Routes stay thin: validate, call, shape. */
export interface ApiContext {
  config: Config;
  /**
   * The serving policy this process serves under, and its version: read it once per request (an admin
   * may swap it at any time; each read returns one whole policy).
   */
  readonly policy: VersionedPolicy;
  /** The policy with what is built from it, swapped atomically by the policy API. */
  livePolicy: LivePolicy<PolicyState>;
  policyHistory: PolicyHistory;
  /** The file the policy is read from and written to (config.policyFile or DATA/policy.yaml). */
  policyFile: string;
  /** Background audits of the stored data (one at a time). */
  audits: AuditJobs;
  /** Each viewer's fair-exposure shortfall carried between their lists (this process only). */
  exposureLedger: ExposureLedger;
  /** What this process served, per catalog, for the exposure-rotation reranker (aggregate counts). */
  servedExposure: ServedExposureTallies;
  store: Store;
  /** Each viewer's consent, history and dismissed items, reused while their change marker stands. */
  viewerData: ViewerDataCache;
  /** The consent ledger, and the purposes (with the version of their wording) viewers are asked about. */
  consents: ConsentRepository;
  readonly purposes: ConsentPurposes;
  version: string;
  clock: Clock;
  serving: ServingModel;
  auth: AuthService;
  pseudonymizer: Pseudonymizer;
  audit: AuditSink;
  decisions: DecisionRecorder;
  decisionReader: DecisionReader;
  /** Every text viewers type and every text Candor shows goes through it. */
  readonly safety: SafetyGateway;
  blocklists: BlocklistRepository;
  /** Catalog items and reviews the outgoing inspection held back for a curator. */
  safetyQueue: SafetyQueue;
}

/** The Fastify instance with zod schemas as its type provider. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
