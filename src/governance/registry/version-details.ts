import { isRetired, type ModelManifest, readAliases, readManifest } from '../../models/model-artifact.js';
import type { GateReport } from './gate-report.js';
import { buildModelCard, type ModelCard } from './model-card.js';
import { GateStore, type Signoff } from './gate-store.js';
import { promotionReadiness, type PromotionReadiness } from './promotion-readiness.js';
import type { RegistryDeps } from './registry-deps.js';
import { notFound } from './registry-error.js';

/** Ancestors followed through `parent` at most this far (a lineage is short; a cycle would be a bug). */
const MAX_ANCESTORS = 50;

export interface Ancestor {
  id: string;
  algorithm: string;
  createdAt: string;
  /** Its weights were deleted by an erasure; the manifest stays for this lineage. */
  retired: boolean;
}

/** The latest gate report in brief: enough to see whether it still counts and what it found. */
export interface GateSummary {
  id: string;
  passed: boolean;
  createdAt: string;
  policyVersion: string;
  /** Made under the policy in force (only then can it be signed off and promoted on). */
  current: boolean;
  baselineId: string | null;
  failures: string[];
  requiredSignoffs: string[];
}

export interface VersionDetails {
  manifest: ModelManifest;
  aliases: string[];
  retired: boolean;
  /** Parent, grandparent, ...: the versions this one was derived from (unlearning, retraining). */
  ancestors: Ancestor[];
  gate: GateSummary | null;
  signoffs: Signoff[];
  promotion: PromotionReadiness & { enforced: boolean };
}

export const aliasesOf = (id: string, aliases: Record<string, string>): string[] =>
  Object.entries(aliases)
    .filter(([, target]) => target === id)
    .map(([alias]) => alias);

export function ancestorsOf(dataDir: string, manifest: ModelManifest): Ancestor[] {
  const ancestors: Ancestor[] = [];
  const seen = new Set([manifest.id]);
  let parent = manifest.parent;
  while (parent && !seen.has(parent) && ancestors.length < MAX_ANCESTORS) {
    seen.add(parent);
    const found = readManifest(dataDir, parent);
    if (!found) break;
    ancestors.push({
      id: found.id,
      algorithm: found.algorithm,
      createdAt: found.createdAt,
      retired: isRetired(dataDir, found.id),
    });
    parent = found.parent;
  }
  return ancestors;
}

export function gateSummary(gate: GateReport, policyVersion: string): GateSummary {
  return {
    id: gate.id,
    passed: gate.passed,
    createdAt: gate.createdAt,
    policyVersion: gate.policyVersion,
    current: gate.policyVersion === policyVersion,
    baselineId: gate.baselineId,
    failures: gate.failures,
    requiredSignoffs: gate.requiredSignoffs,
  };
}

/** One version with its lineage, latest gate report, sign-offs, and whether it could be promoted now. */
export async function versionDetails(deps: RegistryDeps, id: string): Promise<VersionDetails> {
  const manifest = readManifest(deps.dataDir, id);
  if (!manifest) throw notFound('model', 'id');
  const aliases = readAliases(deps.dataDir);
  const gates = new GateStore(deps.store.db);
  const gate = await gates.latestOf(id);
  const signoffs = gate ? await gates.signoffsOf(gate.id) : [];
  return {
    manifest,
    aliases: aliasesOf(id, aliases),
    retired: isRetired(deps.dataDir, id),
    ancestors: ancestorsOf(deps.dataDir, manifest),
    gate: gate ? gateSummary(gate, deps.policy.version) : null,
    signoffs,
    promotion: {
      ...promotionReadiness(gate, signoffs, deps.policy, aliases.production ?? null),
      enforced: deps.policy.policy.promotion.enforce,
    },
  };
}

/** The model card of one version, from its manifest, latest gate report and sign-offs. */
export async function versionCard(deps: RegistryDeps, id: string): Promise<ModelCard> {
  const manifest = readManifest(deps.dataDir, id);
  if (!manifest) throw notFound('model', 'id');
  const aliases = readAliases(deps.dataDir);
  const gates = new GateStore(deps.store.db);
  const gate = await gates.latestOf(id);
  return buildModelCard({
    manifest,
    aliases: aliasesOf(id, aliases),
    retired: isRetired(deps.dataDir, id),
    ancestors: ancestorsOf(deps.dataDir, manifest),
    gate,
    signoffs: gate ? await gates.signoffsOf(gate.id) : [],
    policy: deps.policy,
    production: aliases.production ?? null,
    now: deps.clock(),
  });
}
