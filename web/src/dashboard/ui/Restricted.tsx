import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { type Permission, useAccess } from './access';

export const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.status === 403;

/** Says plainly that this account's roles do not reach a part of the dashboard. */
export function NotForRole({ what, permission }: { what: string; permission: Permission }) {
  const { roles } = useAccess();
  return (
    <p className="notice restricted" data-testid="not-for-role">
      {`Not for your role: ${what} needs the ${permission} permission, which your role${roles.length > 1 ? 's' : ''} (${roles.join(', ')}) do${roles.length > 1 ? '' : 'es'} not grant.`}
    </p>
  );
}

/**
 * Renders `children` only for accounts with `permission` (so their queries never run for others);
 * everyone else reads why the part is missing.
 */
export function Permitted({
  permission,
  what,
  children,
}: {
  permission: Permission;
  what: string;
  children: ReactNode;
}) {
  const { can } = useAccess();
  return can(permission) ? <>{children}</> : <NotForRole what={what} permission={permission} />;
}
