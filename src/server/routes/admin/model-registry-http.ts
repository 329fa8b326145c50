import type { GateDeps } from '../../../governance/registry/run-gate.js';
import { RegistryError } from '../../../governance/registry/registry-error.js';
import type { ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';

const STATUS = { 'not-found': 404, conflict: 409, forbidden: 403, invalid: 422 } as const;

/** A registry refusal as problem+json: its stable type, the field at fault, every reason in the detail. */
export function registryErrorToHttp(error: unknown): never {
  if (error instanceof RegistryError) {
    throw new HttpError(STATUS[error.kind], {
      type: error.type,
      detail: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
  throw error;
}

/**
 * What the registry works on for one request: the policy read once (an admin may swap it mid-request),
 * and the production model reloaded in this process when a move changes it.
 */
export function registryFor(ctx: ApiContext): GateDeps {
  return {
    store: ctx.store,
    dataDir: ctx.config.dataDir,
    policy: ctx.policy,
    audit: ctx.audit,
    clock: ctx.clock,
    safety: ctx.safety,
    onProductionChange: () => ctx.serving.reload(),
  };
}
