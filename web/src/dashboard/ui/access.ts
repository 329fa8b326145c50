import { useSession } from '../../auth/session';

/** The permissions the dashboard asks about (src/server/auth/roles.ts grants them to roles). */
export type Permission =
  | 'analytics:read'
  | 'models:read'
  | 'models:manage'
  | 'models:signoff'
  | 'policy:read'
  | 'monitoring:read'
  | 'monitoring:manage'
  | 'audit:read'
  | 'safety:manage'
  | 'quarantine:read'
  | 'quarantine:manage';

export interface Access {
  roles: readonly string[];
  can(permission: Permission): boolean;
}

/**
 * What the signed-in account may do, as the server's session answer lists it. It decides which
 * sections and buttons the dashboard shows; the server checks every call again.
 */
export function useAccess(): Access {
  const { session } = useSession();
  const granted = new Set(session?.permissions ?? []);
  return { roles: session?.roles ?? [], can: (permission) => granted.has(permission) };
}
