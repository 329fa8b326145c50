/**
 * Why the registry refused a request, in terms both the API (problem+json) and the CLI (a message and an
 * exit code) can render: `kind` says how bad (missing, in conflict with the registry's state, not
 * allowed for this person, not a valid choice), `type` is the stable identifier clients switch on,
 * `field` names the input at fault, and `reasons` lists every blocker when there are several (a
 * promotion refused for three failed checks and a missing sign-off says all four).
 */
export type RegistryErrorKind = 'not-found' | 'conflict' | 'forbidden' | 'invalid';

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    readonly type: string,
    message: string,
    readonly field?: string,
    readonly reasons: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export const notFound = (what: string, field: string) =>
  new RegistryError('not-found', 'not-found', `no such ${what}`, field);
