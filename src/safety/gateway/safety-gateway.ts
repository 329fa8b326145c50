import type { AuditSink } from '../../governance/audit/audit-entry.js';
import type { BlocklistMatcher } from '../blocklist/blocklist.js';
import { type BlocklistRepository, matcherTerm } from '../blocklist/blocklist-repository.js';
import { compileBlocklist } from '../blocklist/compile-blocklist.js';
import { inspectLocally, inspectWith } from '../inspect/inspect-locally.js';
import type { Inspection } from '../inspect/inspection.js';
import type { HarmAndAttackProvider } from '../providers/safety-provider.js';
import type { SafetyAction, SafetyPolicy, SafetySurface } from '../safety-policy.js';
import { decide, type SafetyDecision } from './decide.js';

/** How long a process trusts its compiled blocklist before checking the table for changes. */
const BLOCKLIST_CHECK_MS = 5_000;

export interface GatewayDependencies {
  policy: SafetyPolicy;
  /** Harm and prompt attacks judged elsewhere (Azure AI Content Safety); the local detectors when absent. */
  provider?: HarmAndAttackProvider | undefined;
  blocklists?: BlocklistRepository | undefined;
  /** Keys the `hash` and `encrypt` redaction operators. */
  redactionKey: Buffer;
  audit?: AuditSink | undefined;
  clock?: () => number;
}

export interface InspectRequest {
  /** Documents passed along with the text, checked for injected instructions. */
  documents?: readonly string[];
  /** Who asked, for the audit event. */
  actor?: string;
  /** The subject's audit tag when a viewer typed the text. */
  subject?: string | null;
  /** What the text belongs to (an item id, a review id), for the audit event. */
  target?: string | null;
  /**
   * Whether to write an audit event. Every decision on what viewers type is audited; bulk outgoing
   * checks (rendering reviews, scanning a catalog) audit what they hold back instead.
   */
  audit?: boolean;
}

/** Told the surface and action of every decision (nothing of the text): what the metrics count. */
export type DecisionObserver = (surface: SafetySurface, action: SafetyAction) => void;

/**
 * The one place text crosses: every route hands what a viewer typed (search, review, ask) and what
 * Candor shows (synopses, reviews) to `inspect`, which runs the detectors, applies the surface's policy
 * and writes an audit event that names what was found, never the text.
 */
export class SafetyGateway {
  private matcher: BlocklistMatcher | undefined;
  private matcherVersion: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private readonly observers = new Set<DecisionObserver>();

  constructor(private readonly deps: GatewayDependencies) {}

  get policy(): SafetyPolicy {
    return this.deps.policy;
  }

  get providerName(): string {
    return this.deps.provider?.name ?? 'local';
  }

  async inspect(text: string, surface: SafetySurface, request: InspectRequest = {}): Promise<SafetyDecision> {
    const inspection = await this.inspection(text, surface, request.documents);
    const decision = decide(
      text,
      inspection,
      surface,
      this.deps.policy.surfaces[surface],
      this.deps.redactionKey,
    );
    for (const observe of this.observers) observe(surface, decision.action);
    if ((request.audit ?? true) && this.deps.audit) {
      await this.deps.audit.append({
        actor: request.actor ?? 'system',
        action: 'safety.decision',
        subject: request.subject ?? null,
        target: request.target ?? null,
        outcome: decision.action === 'block' ? 'denied' : 'success',
        detail: auditDetail(decision, text.length),
      });
    }
    return decision;
  }

  /** Observes every decision from now on; returns the function that stops it. */
  onDecision(observer: DecisionObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** The detectors' findings without a policy decision (the Azure- and Presidio-compatible endpoints). */
  async analyze(text: string, surface: SafetySurface, documents?: readonly string[]): Promise<Inspection> {
    return this.inspection(text, surface, documents);
  }

  /** Forget the compiled blocklist: the next inspection reads the table again (after a curator's change). */
  invalidateBlocklist(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async inspection(
    text: string,
    surface: SafetySurface,
    documents: readonly string[] | undefined,
  ): Promise<Inspection> {
    const blocklist = await this.blocklist();
    const options = {
      ...(documents ? { documents } : {}),
      promptAttacks:
        this.deps.policy.surfaces[surface].promptAttack !== 'allow' || (documents?.length ?? 0) > 0,
      piiMinScore: this.deps.policy.surfaces[surface].pii.minScore,
    };
    return this.deps.provider
      ? inspectWith(this.deps.provider, text, surface, blocklist, options)
      : inspectLocally(text, surface, blocklist, options);
  }

  private async blocklist(): Promise<BlocklistMatcher | undefined> {
    const repository = this.deps.blocklists;
    if (!repository) return undefined;
    const now = (this.deps.clock ?? Date.now)();
    if (now - this.checkedAt < BLOCKLIST_CHECK_MS) return this.matcher;
    const version = await repository.version();
    this.checkedAt = now;
    if (version !== this.matcherVersion) {
      this.matcher = compileBlocklist((await repository.all()).map(matcherTerm));
      this.matcherVersion = version;
    }
    return this.matcher;
  }
}

/** What the audit log keeps of a decision: kinds, types, severities and counts; never the text. */
export function auditDetail(decision: SafetyDecision, length: number): Record<string, unknown> {
  return {
    surface: decision.surface,
    action: decision.action,
    provider: decision.provider,
    length,
    findings: decision.findingCounts,
    harm: Object.fromEntries(
      decision.categories.filter((c) => c.severity > 0).map((c) => [c.category, c.severity]),
    ),
    reasons: decision.reasons.map((reason) => `${reason.action}:${reason.kind}:${reason.type}`),
  };
}
