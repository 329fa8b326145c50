import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types, declared once. Times are ISO 8601 UTC strings in both dialects (they sort as text);
 * booleans are 0/1 integers, because SQLite has no boolean type and the same rows must round-trip
 * through both engines. Columns holding personal data live in `subject_personal` and `feedback.reason`
 * so that they can be encrypted per subject.
 */

/** Written once at insert, never updated. */
type CreatedAt = ColumnType<string, string, never>;

export interface GenresTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface CreatorsTable {
  id: string;
  external_id: string;
  name: string;
  underrepresented: number | null;
  region: string | null;
  created_at: CreatedAt;
}

export interface ItemsTable {
  /** Compact internal key: what interactions reference, so the big table and its indexes stay small. */
  key: Generated<number>;
  /** Public id (UUIDv7). */
  id: string;
  external_id: string;
  title: string;
  kind: string;
  year: number | null;
  language: string | null;
  maturity_system: string;
  maturity_rating: string;
  /** Ordinal audience level derived from the rating, so filters compare one number. */
  audience_level: number;
  synopsis: string | null;
  duration_minutes: number | null;
  parent_id: string | null;
  season: number | null;
  episode: number | null;
  created_at: CreatedAt;
}

export interface ItemGenresTable {
  item_id: string;
  genre_id: string;
  position: number;
}

export interface ItemCreatorsTable {
  item_id: string;
  creator_id: string;
  role: string;
}

export interface SubjectsTable {
  /** Compact internal key: what interactions reference. */
  key: Generated<number>;
  /** Public id (UUIDv7). */
  id: string;
  external_id: string;
  profile_kind: string;
  age_band: string;
  created_at: CreatedAt;
  /** Changes with every write of the subject's interactions, consent events and feedback (triggers, 0009). */
  data_version: Generated<number>;
}

/** Personal fields, one row per subject; every column here is a candidate for encryption. */
export interface SubjectPersonalTable {
  subject_id: string;
  display_name: string | null;
  email: string | null;
  gender: string | null;
  occupation: string | null;
  updated_at: string;
}

export interface InteractionsTable {
  seq: Generated<number>;
  /** sha256 of the client's or derived idempotency key; unique. */
  idempotency_key: string;
  subject_key: number;
  item_key: number;
  kind: string;
  value: number | null;
  occurred_at: string;
  /** The ingestion batch the event arrived in; its time is the event's ingestion time. */
  batch_key: number;
}

export interface FeedbackTable {
  id: string;
  subject_id: string;
  item_id: string;
  decision_id: string | null;
  kind: string;
  value: number | null;
  /** Free text from the viewer: personal data. */
  reason: string | null;
  created_at: CreatedAt;
}

/** One arrival of events: an import, or one call of the events API. */
export interface IngestBatchesTable {
  key: Generated<number>;
  id: string;
  /** Where the events came from: an import format such as `movielens-100k`, or `api`. */
  source: string;
  /** JSON array of the files read (empty for the API). */
  files: string;
  /** JSON of the import report, written when the batch is complete. */
  report: string | null;
  created_at: CreatedAt;
}

export interface AccountsTable {
  id: string;
  username: string;
  /** argon2id PHC string; null when the account cannot sign in with a password. */
  password_hash: string | null;
  /** JSON array of role names. */
  roles: string;
  /** The viewer this account is, for viewer accounts. */
  subject_id: string | null;
  disabled: number;
  created_at: CreatedAt;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  /** sha256 (base64url) of the opaque session token. */
  token_hash: string;
  account_id: string;
  created_at: CreatedAt;
  expires_at: string;
  revoked_at: string | null;
  /** The household profile the session acts as; null: the account's own viewer. */
  profile_subject_id: string | null;
}

/** Profiles an account may switch to besides its own viewer (see 0008-household-profiles). */
export interface AccountProfilesTable {
  account_id: string;
  subject_id: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  /** sha256 (base64url) of the key: keys are 256-bit random, so a fast hash cannot be brute-forced. */
  secret_hash: string;
  roles: string;
  created_by: string;
  created_at: CreatedAt;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One link of the tamper-evident chain: hash = sha256(prev_hash + canonical entry). */
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  target: string | null;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface DecisionRecordsTable {
  id: string;
  subject: string;
  created_at: CreatedAt;
  surface: string;
  model_id: string;
  policy_version: string;
  consent: string;
  stages: string;
  items: string;
}

/** A subject's AES-256 data key, wrapped by a master key; deleting the row crypto-shreds the subject. */
export interface SubjectKeysTable {
  subject_id: string;
  /** base64url of iv | ciphertext | tag (AES-256-GCM under the master key). */
  wrapped_key: string;
  master_key_id: string;
  created_at: CreatedAt;
  rewrapped_at: string | null;
}

/** One grant or withdrawal of consent for one purpose; the latest per purpose is the current state. */
export interface ConsentEventsTable {
  seq: Generated<number>;
  subject_id: string;
  purpose: string;
  granted: number;
  at: string;
  text_version: string;
  method: string;
  actor: string;
}

/** One differentially private query's spend of a dataset's budget by an analyst. */
export interface DpBudgetSpendTable {
  seq: Generated<number>;
  dataset: string;
  analyst: string;
  epsilon: number;
  delta: number;
  query: string;
  at: string;
}

export interface ErasureCertificatesTable {
  id: string;
  at: string;
  certificate: string;
}

export interface BlocklistTermsTable {
  id: string;
  list: string;
  kind: string;
  pattern: string;
  surfaces: string;
  case_sensitive: number;
  created_by: string;
  created_at: string;
}

export interface ReviewsTable {
  id: string;
  item_id: string;
  subject_id: string;
  /** Inspected text, encrypted under the author's data key. */
  text: string;
  rating: number | null;
  status: string;
  inspection: string;
  created_at: string;
}

export interface SafetyQueueTable {
  id: string;
  target_kind: string;
  target_id: string;
  status: string;
  reasons: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** A serving policy as it was activated (through the API, or found changed on disk at start). */
export interface PolicyHistoryTable {
  id: string;
  version: string;
  /** Canonical JSON of the validated policy. */
  document: string;
  actor: string;
  note: string | null;
  activated_at: string;
}

/** One move of a model alias (candidate, production): the registry's full history. */
export interface ModelAliasEventsTable {
  id: string;
  alias: string;
  model_id: string | null;
  previous_id: string | null;
  /** set, promote, rollback, bootstrap. */
  action: string;
  gate_id: string | null;
  actor: string;
  reason: string | null;
  at: string;
}

/** A promotion gate run on a candidate version: its checks against the policy, stored with the version. */
export interface PromotionGatesTable {
  id: string;
  model_id: string;
  baseline_id: string | null;
  policy_version: string;
  passed: number;
  /** JSON report: every check with its value, threshold and outcome. */
  report: string;
  requested_by: string;
  created_at: string;
}

/** A person's sign-off on a gate report, in one of the roles the policy requires. */
export interface SignoffsTable {
  id: string;
  gate_id: string;
  model_id: string;
  role: string;
  account_id: string;
  comment: string | null;
  at: string;
}

/** One drift comparison of recent traffic with the production model's training snapshot. */
export interface DriftReportsTable {
  id: string;
  model_id: string | null;
  /** JSON report: every distribution compared, PSI and Jensen-Shannon, thresholds. */
  report: string;
  alerts: number;
  created_at: string;
}

/** An alert raised by monitoring, and whether the configured webhook received it. */
export interface AlertsTable {
  id: string;
  kind: string;
  severity: string;
  metric: string;
  value: number;
  threshold: number;
  detail: string;
  source_id: string | null;
  created_at: string;
  /** pending, delivered, failed, not-configured. */
  delivery: string;
  delivered_at: string | null;
  delivery_error: string | null;
}

/** A viewer profile the shilling detector flagged, kept out of training unless a curator released it. */
export interface ProfileQuarantineTable {
  id: string;
  subject_id: string;
  score: number;
  /** JSON: each feature's raw value and standard score, and which features voted. */
  features: string;
  detector_version: string;
  /** quarantined, released or confirmed. */
  status: string;
  /** The subject's latest interaction sequence number when flagged. */
  data_seq: number;
  created_at: CreatedAt;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export interface Database {
  genres: GenresTable;
  creators: CreatorsTable;
  items: ItemsTable;
  item_genres: ItemGenresTable;
  item_creators: ItemCreatorsTable;
  subjects: SubjectsTable;
  subject_personal: SubjectPersonalTable;
  interactions: InteractionsTable;
  feedback: FeedbackTable;
  ingest_batches: IngestBatchesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  account_profiles: AccountProfilesTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  decision_records: DecisionRecordsTable;
  subject_keys: SubjectKeysTable;
  consent_events: ConsentEventsTable;
  dp_budget_spend: DpBudgetSpendTable;
  erasure_certificates: ErasureCertificatesTable;
  blocklist_terms: BlocklistTermsTable;
  reviews: ReviewsTable;
  safety_queue: SafetyQueueTable;
  policy_history: PolicyHistoryTable;
  model_alias_events: ModelAliasEventsTable;
  promotion_gates: PromotionGatesTable;
  signoffs: SignoffsTable;
  drift_reports: DriftReportsTable;
  alerts: AlertsTable;
  profile_quarantine: ProfileQuarantineTable;
}

export type ItemRow = Selectable<ItemsTable>;
export type NewItemRow = Insertable<ItemsTable>;
export type SubjectRow = Selectable<SubjectsTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type NewInteractionRow = Insertable<InteractionsTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
