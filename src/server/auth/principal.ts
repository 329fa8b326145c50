import type { Role } from './roles.js';

/** Who is calling: an account signed in with a session, or a service with an API key. */
export type Principal =
  | {
      kind: 'account';
      accountId: string;
      username: string;
      roles: readonly Role[];
      /** The viewer the account is, when it is a viewer account. */
      subjectId: string | null;
      sessionId: string;
    }
  | {
      kind: 'api-key';
      keyId: string;
      name: string;
      roles: readonly Role[];
    };

/** The actor as the audit log names it: never a person's name, only the account or key id. */
export const actorOf = (principal: Principal): string =>
  principal.kind === 'account' ? `account:${principal.accountId}` : `api-key:${principal.keyId}`;

/**
 * The one subject a data-plane request may touch. Repositories for viewer data are built from it, so
 * the scope holds in the data layer, not only in routes.
 */
export interface SubjectScope {
  readonly subjectId: string;
  readonly subjectKey: number;
  /** The viewer's profile kind as stored (it bounds the audience level of everything served). */
  readonly profileKind: string;
  /** HMAC pseudonym of the subject id, what decision records store. */
  readonly pseudonym: string;
  /** What the audit log records as the subject (auditSubjectTag): unlinkable once the viewer is erased. */
  readonly auditTag: string;
  /** Changes with every write of the subject's history, consent and feedback (ViewerDataCache). */
  readonly dataVersion: number;
}
