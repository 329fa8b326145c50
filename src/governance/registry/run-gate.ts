import type { AuditDataset } from '../../evaluate/audit/audit-dataset.js';
import { type AuditReport, runAudit } from '../../evaluate/audit/run-audit.js';
import { parseSplitSpec } from '../../evaluate/split-spec.js';
import { loadModel } from '../../models/load-model.js';
import { type ModelManifest, readAliases, readManifest } from '../../models/model-artifact.js';
import type { FitContext } from '../../models/recommender.js';
import type { SafetyGateway } from '../../safety/gateway/safety-gateway.js';
import { newId } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import { inspectCatalogSlice } from './catalog-safety.js';
import { mostExposedItems } from './exposed-items.js';
import { readGateDataset } from './gate-dataset.js';
import { failureOf, gateChecks } from './gate-checks.js';
import { type GateEvaluation, type GateReport, SMALLEST_REPORTED_GROUP } from './gate-report.js';
import { GateStore } from './gate-store.js';
import type { RegistryDeps } from './registry-deps.js';
import { RegistryError } from './registry-error.js';
import { servableVersion } from './servable-version.js';

export interface GateDeps extends RegistryDeps {
  /** The outgoing inspection, for the safety of the catalog slice the candidate exposes. */
  safety: SafetyGateway;
  /** Progress of the fits (the CLI's bar). */
  context?: FitContext;
}

/** The candidate's most exposed items inspected for safety, and the viewers scored to find them. */
const EXPOSED_ITEMS = 200;
const EXPOSURE_VIEWERS = 5_000;

/** One gate at a time per store in a process: two would only halve each other's speed. */
const running = new WeakMap<Store, Promise<unknown>>();

function metricsOf(report: AuditReport): Record<string, number> {
  return {
    ndcg: report.overall.mean,
    ndcgCiLow: report.overall.ci[0],
    ndcgCiHigh: report.overall.ci[1],
    coverage: report.exposure.catalog.coverage,
    ...(report.exposure.catalog.gini === null ? {} : { gini: report.exposure.catalog.gini }),
    evaluatedViewers: report.sizes.evaluatedViewers,
  };
}

function evaluationOf(report: AuditReport): GateEvaluation {
  return {
    sizes: { ...report.sizes },
    minGroupSize: report.settings.minGroupSize,
    fairness: report.fairness.map((frame) => ({
      grouping: frame.attribute,
      worstGroup: frame.worstGroup,
      bestGroup: frame.bestGroup,
      ratio: frame.ratio,
      difference: frame.difference,
      groups: frame.byGroup.filter((group) => group.n >= SMALLEST_REPORTED_GROUP),
    })),
    exposure: report.exposure.byAttribute.map((audit) => ({
      attribute: audit.attribute,
      groups: audit.groups.map(({ group, items, catalogShare, exposureShare, exposureToCatalog }) => ({
        group,
        items,
        catalogShare,
        exposureShare,
        exposureToCatalog,
      })),
    })),
    skipped: report.skipped,
  };
}

async function audit(dataset: AuditDataset, manifest: ModelManifest, deps: GateDeps): Promise<AuditReport> {
  const { protocol } = deps.policy.policy.promotion;
  try {
    return await runAudit(dataset, {
      algorithm: manifest.algorithm,
      params: manifest.params,
      k: protocol.k,
      split: parseSplitSpec(protocol.split),
      seed: protocol.seed,
      ...(deps.context ? { context: deps.context } : {}),
    });
  } catch (error) {
    throw new RegistryError(
      'conflict',
      'gate-not-measurable',
      `the gate could not evaluate ${manifest.algorithm} ${manifest.id} on the stored data: ${(error as Error).message}`,
    );
  }
}

async function measure(deps: GateDeps, candidate: ModelManifest, actor: string): Promise<GateReport> {
  const { policy } = deps;
  const productionId = readAliases(deps.dataDir).production ?? null;
  const production = productionId ? readManifest(deps.dataDir, productionId) : undefined;
  const dataset = await readGateDataset(deps.store);
  const candidateAudit = await audit(dataset, candidate, deps);
  const baselineAudit = production ? await audit(dataset, production, deps) : null;
  const exposed = await mostExposedItems(loadModel(deps.dataDir, candidate.id), dataset.events, {
    k: policy.policy.promotion.protocol.k,
    limit: EXPOSED_ITEMS,
    maxViewers: EXPOSURE_VIEWERS,
  });
  const safety = await inspectCatalogSlice(
    deps.store.db,
    deps.safety,
    exposed.items.map((item) => item.itemId),
  );
  const checks = gateChecks(
    { candidate: candidateAudit, baseline: baselineAudit, safety },
    policy.policy.promotion.thresholds,
  );
  const exposure = checks.find((c) => c.id === 'exposure:underrepresented' && c.skipped === null);
  const unsafe = checks.find((c) => c.id === 'catalog-safety' && c.skipped === null);
  const failed = checks.filter((c) => !c.passed);
  return {
    id: newId(),
    modelId: candidate.id,
    baselineId: production ? production.id : null,
    policyVersion: policy.version,
    protocol: { ...policy.policy.promotion.protocol },
    createdAt: deps.clock().toISOString(),
    requestedBy: actor,
    passed: failed.length === 0,
    candidate: {
      metrics: {
        ...metricsOf(candidateAudit),
        ...(typeof exposure?.value === 'number'
          ? { 'exposureToCatalog:underrepresented': exposure.value }
          : {}),
        ...(typeof unsafe?.value === 'number' ? { unsafeShare: unsafe.value } : {}),
      },
    },
    baseline: baselineAudit ? { metrics: metricsOf(baselineAudit) } : null,
    checks,
    failures: failed.map(failureOf),
    requiredSignoffs: [...policy.policy.promotion.signoffRoles],
    evaluation: evaluationOf(candidateAudit),
  };
}

/**
 * Runs the promotion gate on a version: the candidate and the production version are each fitted and
 * audited on the same split of the stored data of viewers who consent to model training (the policy's
 * fixed protocol), the candidate's most
 * exposed items are inspected, and every threshold of the policy is checked. The report is stored with
 * the version and audited (`models.gate`, with the failed checks); sign-offs and promotion go by it.
 */
export async function runGate(deps: GateDeps, modelId: string, actor: string): Promise<GateReport> {
  const candidate = servableVersion(deps.dataDir, modelId, 'id');
  if (readAliases(deps.dataDir).production === modelId) {
    throw new RegistryError('conflict', 'already-production', 'this version is production already', 'id');
  }
  if (running.has(deps.store)) {
    throw new RegistryError('conflict', 'gate-busy', 'another gate is running; try again when it is done');
  }
  const work = measure(deps, candidate, actor);
  running.set(deps.store, work);
  let report: GateReport;
  try {
    report = await work;
  } catch (error) {
    await deps.audit.append({
      actor,
      action: 'models.gate',
      target: modelId,
      outcome: 'failure',
      detail: { error: error instanceof RegistryError ? error.type : 'internal' },
    });
    throw error;
  } finally {
    running.delete(deps.store);
  }
  await new GateStore(deps.store.db).save(report);
  await deps.audit.append({
    actor,
    action: 'models.gate',
    target: modelId,
    outcome: 'success',
    detail: {
      gateId: report.id,
      passed: report.passed,
      failed: report.checks.filter((c) => !c.passed).map((c) => c.id),
      baselineId: report.baselineId,
      policyVersion: report.policyVersion,
    },
  });
  return report;
}
