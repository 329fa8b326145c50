import { isRetired, readAliases, readManifest } from '../../models/model-artifact.js';
import { aliasHistory, moveAlias, rollbackTarget } from './alias-history.js';
import { GateStore } from './gate-store.js';
import { promotionReadiness } from './promotion-readiness.js';
import type { RegistryDeps } from './registry-deps.js';
import { RegistryError } from './registry-error.js';
import { servableVersion } from './servable-version.js';

export interface ProductionChange {
  production: string;
  previous: string | null;
  /** The gate report the promotion went by (null: none, or not a promotion). */
  gateId: string | null;
  eventId: string;
}

const currentProduction = (dataDir: string): string | null => readAliases(dataDir).production ?? null;

function refuseIfProduction(id: string, current: string | null, field: string): void {
  if (id === current)
    throw new RegistryError('conflict', 'already-production', 'this version is production already', field);
}

/**
 * Promotes a version to production. Under an enforcing policy its latest gate report must have passed
 * under the policy in force, against the version still in production, with every required sign-off;
 * otherwise the refusal (`promotion-blocked`) lists every reason. Audited `models.promote`.
 */
export async function promote(
  deps: RegistryDeps,
  modelId: string,
  actor: string,
  reason?: string | null,
): Promise<ProductionChange> {
  const { policy } = deps;
  servableVersion(deps.dataDir, modelId, 'id');
  const previous = currentProduction(deps.dataDir);
  refuseIfProduction(modelId, previous, 'id');
  const gates = new GateStore(deps.store.db);
  const gate = await gates.latestOf(modelId);
  const signoffs = gate ? await gates.signoffsOf(gate.id) : [];
  const enforce = policy.policy.promotion.enforce;
  if (enforce) {
    const readiness = promotionReadiness(gate, signoffs, policy, previous);
    if (!readiness.ready) {
      await deps.audit.append({
        actor,
        action: 'models.promote',
        target: modelId,
        outcome: 'denied',
        detail: { gateId: gate?.id ?? null, blockers: readiness.blockers.length },
      });
      throw new RegistryError(
        'conflict',
        'promotion-blocked',
        `promotion blocked: ${readiness.blockers.join('; ')}`,
        'id',
        readiness.blockers,
      );
    }
  }
  const event = await moveAlias(
    deps.store.db,
    deps.dataDir,
    { alias: 'production', modelId, action: 'promote', actor, reason, gateId: gate?.id ?? null },
    deps.clock,
  );
  deps.onProductionChange?.();
  await deps.audit.append({
    actor,
    action: 'models.promote',
    target: modelId,
    outcome: 'success',
    detail: {
      previous,
      gateId: gate?.id ?? null,
      enforced: enforce,
      signoffs: signoffs.map((signoff) => signoff.role),
      policyVersion: policy.version,
    },
  });
  return { production: modelId, previous, gateId: gate?.id ?? null, eventId: event.id };
}

/**
 * Returns production to the version that served before the current one (see rollbackTarget). No gate:
 * a rollback is the way out of a bad promotion and goes back to a version that served already. Refused
 * when there is nothing to go back to, or when an erasure retired that version. Audited `models.rollback`.
 */
export async function rollback(deps: RegistryDeps, actor: string, reason: string): Promise<ProductionChange> {
  const previous = currentProduction(deps.dataDir);
  const events = await aliasHistory(deps.store.db, { alias: 'production', oldestFirst: true });
  const target = rollbackTarget(events, previous);
  if (target === null) {
    throw new RegistryError(
      'conflict',
      'no-rollback-target',
      'no earlier production version to roll back to',
    );
  }
  if (!readManifest(deps.dataDir, target) || isRetired(deps.dataDir, target)) {
    throw new RegistryError(
      'conflict',
      'rollback-target-retired',
      `the version before the current one (${target}) was retired by an erasure (its weights held an ` +
        'erased viewer’s data): train a new version and promote it instead',
    );
  }
  const event = await moveAlias(
    deps.store.db,
    deps.dataDir,
    { alias: 'production', modelId: target, action: 'rollback', actor, reason },
    deps.clock,
  );
  deps.onProductionChange?.();
  await deps.audit.append({
    actor,
    action: 'models.rollback',
    target,
    outcome: 'success',
    detail: { previous, reason },
  });
  return { production: target, previous, gateId: null, eventId: event.id };
}

/**
 * Names a version production directly, without the gate. An enforcing policy allows it only to give an
 * empty registry its first production model (a `bootstrap`); after that, versions reach production
 * through the gate (`promotion-gate-required`). A policy that does not enforce allows it always.
 * Audited `models.set-production`.
 */
export async function setProduction(
  deps: RegistryDeps,
  modelId: string,
  actor: string,
  field = 'modelId',
): Promise<ProductionChange> {
  servableVersion(deps.dataDir, modelId, field);
  const previous = currentProduction(deps.dataDir);
  assertDirectProductionAllowed(deps, previous);
  const action = previous === null ? 'bootstrap' : 'set';
  const event = await moveAlias(
    deps.store.db,
    deps.dataDir,
    { alias: 'production', modelId, action, actor },
    deps.clock,
  );
  deps.onProductionChange?.();
  await deps.audit.append({
    actor,
    action: 'models.set-production',
    target: modelId,
    outcome: 'success',
    detail: { previous, ...(action === 'bootstrap' ? { bootstrap: true } : {}) },
  });
  return { production: modelId, previous, gateId: null, eventId: event.id };
}

/** Throws `promotion-gate-required` when the policy enforces the gate and production exists already. */
export function assertDirectProductionAllowed(
  deps: Pick<RegistryDeps, 'policy'>,
  production: string | null,
): void {
  if (production === null || !deps.policy.policy.promotion.enforce) return;
  throw new RegistryError(
    'conflict',
    'promotion-gate-required',
    'the policy enforces the promotion gate: run the gate on the version, get its sign-offs, and promote it ' +
      '(POST /v1/admin/models/{id}/promote, or candor models promote); a version can be named production ' +
      'directly only while nothing is in production',
  );
}
