import { grants, SUBJECT_SCOPED } from '../../server/auth/roles.js';
import type { RouteTableEntry } from '../../server/auth/route-access.js';
import { SUBJECT_HEADER } from '../../server/plugins/app/access-control.js';
import type { AttackRequest } from './access-attempt.js';
import { apiCall } from './api-call.js';
import type { AttackStage } from './attack-stage.js';
import type { AttemptLog } from './attempt-log.js';
import { bodyFor, pathFor } from './route-requests.js';
import type { Actor } from './throwaway-cast.js';

const GROUP = 'role-escalation';

/** A caller as access control sees it: its roles, and whether a viewer is in scope for it. */
interface Caller {
  readonly actor: Actor;
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly hasSubject: boolean;
}

/** Whether access control must turn this caller away from this route (the authorization matrix). */
export function mustBeRefused(route: RouteTableEntry, caller: Pick<Caller, 'actor' | 'hasSubject'>): boolean {
  if (!('permission' in route.access)) return false;
  const { permission } = route.access;
  if (!grants(caller.actor.roles, permission)) return true;
  return SUBJECT_SCOPED.has(permission) && !caller.hasSubject;
}

/** URLs that might reach an admin route past a prefix check: case, slashes, dot segments, escapes. */
const DISGUISED_ADMIN_PATHS = [
  '/v1/admin/users/',
  '/V1/ADMIN/USERS',
  '/v1//admin/users',
  '/v1/admin/./users',
  '/v1/me/../admin/users',
  '/v1/%61dmin/users',
  '/v1/admin%2fusers',
  '/v1/admin/users;/v1/me',
  '/v1/admin/users?/v1/me',
];

interface AdminView {
  users: string;
  keys: string;
  policy: string;
  production: string | undefined;
}

/** Only what an escalation would change: ids, names, roles and the flags that revoke (not last-used times). */
function fields(body: unknown, list: string, keep: readonly string[]): string {
  const rows = (body as Record<string, unknown> | undefined)?.[list];
  if (!Array.isArray(rows)) return JSON.stringify(body ?? null);
  return JSON.stringify(rows.map((row: Record<string, unknown>) => keep.map((key) => row[key])));
}

/** What the attacks would change if one got through, read the way an admin reads it. */
async function adminView(stage: AttackStage): Promise<AdminView> {
  const read = async (path: string) =>
    (await apiCall(stage.url, { method: 'GET', path, headers: stage.cast.admin.headers })).body;
  return {
    users: fields(await read('/v1/admin/users'), 'users', [
      'id',
      'username',
      'roles',
      'subjectId',
      'disabled',
    ]),
    keys: fields(await read('/v1/admin/api-keys'), 'keys', ['id', 'name', 'roles', 'expiresAt', 'revokedAt']),
    policy: JSON.stringify(await read('/v1/admin/policy')),
    production: stage.server.built.context.serving.aliases().production,
  };
}

/**
 * Role escalation, generated from the route table: every route called by every caller its permission
 * is not granted to (a viewer, an analyst, a curator, a service key with and without a viewer named, an
 * admin on viewers' routes), each with a body that would do real work; admin routes under disguised
 * URLs and methods; and afterwards, accounts, keys, policy and the production model as they were.
 */
export async function roleEscalationAttacks(stage: AttackStage, log: AttemptLog): Promise<void> {
  const { cast } = stage;
  const auth = stage.server.built.context.auth;
  // A key of its own for the key routes, so that wrongly revoking it cuts off nothing else.
  const spare = await auth.createApiKey({
    name: `redteam-spare-${cast.tag}`,
    roles: ['analyst'],
    createdBy: 'redteam',
  });
  const secrets = [...cast.secretsOfB, ...cast.serverSecrets];
  const callers: Caller[] = [
    { actor: cast.viewerA, label: 'viewer A', headers: cast.viewerA.headers, hasSubject: true },
    { actor: cast.analyst, label: 'analyst', headers: cast.analyst.headers, hasSubject: false },
    { actor: cast.curator, label: 'curator', headers: cast.curator.headers, hasSubject: false },
    { actor: cast.service, label: 'service key', headers: cast.service.headers, hasSubject: false },
    {
      actor: cast.service,
      label: 'service key naming viewer A',
      headers: { ...cast.service.headers, [SUBJECT_HEADER]: cast.viewerA.subjectId },
      hasSubject: true,
    },
    { actor: cast.admin, label: 'admin', headers: cast.admin.headers, hasSubject: false },
  ];
  const before = await adminView(stage);
  const attempt = (name: string, request: AttackRequest) =>
    log.attempt({ group: GROUP, name, request, mustRefuse: true, secrets });

  for (const route of stage.routes) {
    for (const caller of callers) {
      if (!mustBeRefused(route, caller)) continue;
      const values = {
        ...stage.valuesAgainstB,
        accountId: caller.actor.accountId ?? cast.viewerA.accountId,
        apiKeyId: spare.record.id,
      };
      await attempt(`${caller.label} calls ${route.method} ${route.url}`, {
        method: route.method,
        path: pathFor(route, values),
        headers: caller.headers,
        json: bodyFor(route, values),
      });
    }
  }

  const viewer = cast.viewerA;
  // The web app answers unknown paths with its page shell, so a 2xx alone proves nothing here: the
  // account list would, and it names viewer B.
  for (const path of DISGUISED_ADMIN_PATHS) {
    await log.attempt({
      group: GROUP,
      name: `viewer A reaches the account list as ${path}`,
      request: { method: 'GET', path, headers: viewer.headers },
      mustRefuse: false,
      secrets,
    });
  }
  await attempt('viewer A sends HEAD to the account list', {
    method: 'HEAD',
    path: '/v1/admin/users',
    headers: viewer.headers,
  });
  await attempt('viewer A creates an admin with a method-override header', {
    method: 'POST',
    path: '/v1/admin/users',
    headers: { ...viewer.headers, 'x-http-method-override': 'GET' },
    json: bodyFor({ method: 'POST', url: '/v1/admin/users' }, stage.valuesAgainstB),
  });
  await attempt(`viewer A names two subjects in ${SUBJECT_HEADER}`, {
    method: 'GET',
    path: '/v1/me',
    headers: { ...viewer.headers, [SUBJECT_HEADER]: `${viewer.subjectId}, ${cast.viewerB.subjectId}` },
  });

  const after = await adminView(stage);
  log.check(
    GROUP,
    'accounts and their roles are as they were',
    before.users === after.users ? null : 'the account list changed',
  );
  log.check(
    GROUP,
    'API keys are as they were',
    before.keys === after.keys ? null : 'the API key list changed',
  );
  log.check(
    GROUP,
    'the serving policy is as it was',
    before.policy === after.policy ? null : 'the serving policy changed',
  );
  log.check(
    GROUP,
    'the production model is as it was',
    before.production === after.production
      ? null
      : `production moved from ${before.production} to ${after.production}`,
  );
}
