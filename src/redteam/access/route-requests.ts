import { randomUUID } from 'node:crypto';
import type { RouteTableEntry } from '../../server/auth/route-access.js';

/** The ids put into a route's path parameters, and into its body where it names one. */
export interface RouteValues {
  readonly itemId: string;
  /** The decision record `:id` routes read (another viewer's, when the attack is about that). */
  readonly decisionId: string;
  /** An item on that decision's list. */
  readonly listedItemId: string;
  readonly modelId: string;
  /** The account `PATCH /v1/admin/users/:id` changes: the caller's own, for escalation. */
  readonly accountId: string;
  readonly apiKeyId: string;
  /** The subject `/v1/admin/subjects/:subject` erases. */
  readonly subjectId: string;
}

/** `:id` means a different thing under each prefix. */
const ID_BY_PREFIX: readonly [string, keyof RouteValues | null][] = [
  ['/v1/admin/models', 'modelId'],
  ['/v1/admin/users', 'accountId'],
  ['/v1/admin/api-keys', 'apiKeyId'],
  ['/v1/me/decisions', 'decisionId'],
  ['/v1/audit/decisions', 'decisionId'],
  ['/v1/recommendations', 'decisionId'],
  ['/v1/items', 'itemId'],
];

/** Routes whose query must carry a value for the request to mean anything. */
const QUERY: Readonly<Record<string, string>> = {
  'DELETE /v1/me': '?confirm=true',
  'DELETE /v1/admin/subjects/:subject': '?confirm=true',
};

/** The concrete path of a route of the table (Fastify's `::` is a literal colon). */
export function pathFor(route: Pick<RouteTableEntry, 'method' | 'url'>, values: RouteValues): string {
  const idKey = ID_BY_PREFIX.find(([prefix]) => route.url.startsWith(`${prefix}/`))?.[1];
  const path = route.url
    .replaceAll('::', '\u0000')
    .replace(':itemId', values.listedItemId)
    .replace(':id', idKey ? values[idKey] : randomUUID())
    .replace(':subject', values.subjectId)
    .replace(':list', 'redteam')
    .replace(':termId', randomUUID())
    .replace(':version', 'unknown-version')
    .replaceAll('\u0000', ':')
    .replace(/\/\*$/, '/redteam');
  return `${path}${QUERY[`${route.method} ${route.url}`] ?? ''}`;
}

/**
 * A body that would do real work if the server accepted it: a refusal then shows that access control
 * refused, not that an empty body failed validation after access control let it through.
 */
export function bodyFor(route: Pick<RouteTableEntry, 'method' | 'url'>, values: RouteValues): unknown {
  if (route.method === 'GET' || route.method === 'DELETE') return undefined;
  switch (`${route.method} ${route.url}`) {
    case 'POST /v1/admin/users':
      return {
        username: `redteam-evil-${randomUUID().slice(0, 8)}`,
        password: 'redteam escalation password',
        roles: ['admin'],
      };
    case 'PATCH /v1/admin/users/:id':
      return { roles: ['admin'] };
    case 'POST /v1/admin/api-keys':
      return { name: 'redteam-evil', roles: ['admin'] };
    case 'PUT /v1/admin/models/production':
      return { modelId: values.modelId };
    case 'POST /v1/admin/models/:id/signoffs':
      return { role: 'admin', comment: 'redteam' };
    case 'POST /v1/admin/models/:id/promote':
    case 'POST /v1/admin/models/rollback':
      return { reason: 'redteam' };
    case 'PUT /v1/admin/policy':
      return { policy: {}, note: 'redteam' };
    case 'POST /v1/admin/policy/check':
      return { policy: {} };
    case 'POST /v1/events':
      return {
        events: [{ idempotencyKey: `redteam-${randomUUID()}`, itemId: values.itemId, kind: 'view' }],
      };
    case 'POST /v1/feedback':
      return { kind: 'thumb', itemId: values.itemId, value: -1 };
    case 'PUT /v1/me/consents':
      return { consents: { personalization: false } };
    case 'POST /v1/items/:id/reviews':
      return { text: 'Written by somebody else.', rating: 1 };
    case 'POST /v1/ask':
      return { text: 'a comedy for tonight' };
    case 'POST /v1/safety/text::shieldPrompt':
    case 'POST /contentsafety/text::shieldPrompt':
      return { userPrompt: 'hello', documents: [] };
    case 'POST /v1/safety/blocklists/:list/terms':
      return { terms: [{ kind: 'plain', pattern: 'redteam', surfaces: ['search'] }] };
    case 'POST /v1/safety/queue/:id/decision':
      return { decision: 'approved' };
    case 'POST /v1/safety/quarantine/:id/decision':
      return { decision: 'release' };
    case 'POST /v1/analytics/dp/queries':
      return { query: 'viewers_per_genre', epsilon: 1 };
    case 'POST /v1/auth/profile':
      return { subjectId: values.subjectId };
    default:
      return route.url.includes('::analyze') || route.url.includes('::anonymize') ? { text: 'hello' } : {};
  }
}
