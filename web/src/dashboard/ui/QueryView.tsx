import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Loading } from '../../ui/Loading';
import { Problem } from '../../ui/Problem';
import type { Permission } from './access';
import { isForbidden, NotForRole } from './Restricted';

/**
 * One query's three states: loading (announced), failed (a 403 is said as "not for your role", other
 * errors as an alert), and its data.
 */
export function QueryView<T>({
  query,
  what,
  permission,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  permission: Permission;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={`Loading ${what}`} />;
  if (query.isError) {
    return isForbidden(query.error) ? (
      <NotForRole what={what} permission={permission} />
    ) : (
      <Problem error={query.error} title={`Could not load ${what}`} />
    );
  }
  return <>{children(query.data)}</>;
}
