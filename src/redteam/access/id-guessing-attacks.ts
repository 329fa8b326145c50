import { grants, SUBJECT_SCOPED } from '../../server/auth/roles.js';
import type { RouteTableEntry } from '../../server/auth/route-access.js';
import { SUBJECT_HEADER } from '../../server/plugins/app/access-control.js';
import type { AttackRequest, Secret } from './access-attempt.js';
import { apiCall } from './api-call.js';
import type { AttackStage } from './attack-stage.js';
import type { AttemptLog } from './attempt-log.js';
import { neighbouringIds } from './guess-ids.js';
import { bodyFor, pathFor, type RouteValues } from './route-requests.js';
import type { Actor } from './throwaway-cast.js';

const GROUP = 'id-guessing';

/** Query fields an API might take a subject from, if it trusted the caller to name one. */
const SUBJECT_FIELDS = ['subjectId', 'subject', 'viewerId', 'userId'];
const OWN_DATA_PATHS = ['/v1/me', '/v1/me/history', '/v1/me/decisions', '/v1/me/export', '/v1/me/consents'];

/** Erasure last: if a refusal failed there, it should not wreck the attempts after it. */
const erasureLast = (a: RouteTableEntry, b: RouteTableEntry) =>
  Number(a.method === 'DELETE') - Number(b.method === 'DELETE');

/** Viewer B's own view of their data, to see afterwards whether anyone else changed it. */
async function ownView(url: string, viewer: Actor): Promise<string[]> {
  const views: string[] = [];
  for (const path of [
    '/v1/me',
    '/v1/me/history?limit=500',
    '/v1/me/consents',
    '/v1/me/decisions?limit=200',
  ]) {
    const answer = await apiCall(url, { method: 'GET', path, headers: viewer.headers });
    views.push(`${path} ${answer.status} ${answer.text}`);
  }
  return views;
}

const scopedRoutes = (routes: readonly RouteTableEntry[]) =>
  routes.filter((route) => 'permission' in route.access && SUBJECT_SCOPED.has(route.access.permission));

/**
 * Another viewer's data: viewer A goes after viewer B's decision records by id (their own routes, the
 * audit routes, "why this?"), names B in the Candor-Subject header on every subject-scoped route of the
 * route table, guesses ids next to the ones seen, puts B's id in query and body fields; every role's
 * readable routes are swept for anything of B's; and B's own view of their data must be unchanged after.
 */
export async function idGuessingAttacks(stage: AttackStage, log: AttemptLog): Promise<void> {
  const { cast, url } = stage;
  const { viewerA: a, viewerB: b } = cast;
  const againstB = stage.valuesAgainstB;
  const secrets: Secret[] = [...cast.secretsOfB, ...cast.serverSecrets];
  const attempt = (
    name: string,
    request: AttackRequest,
    mustRefuse = true,
    only: readonly Secret[] = secrets,
  ) => log.attempt({ group: GROUP, name, request, mustRefuse, secrets: only });
  const before = await ownView(url, b);

  await attempt("viewer A reads B's decision record by id", {
    method: 'GET',
    path: `/v1/me/decisions/${againstB.decisionId}`,
    headers: a.headers,
  });
  for (const actor of [a, cast.analyst, cast.curator, cast.service]) {
    const headers =
      actor === cast.service ? { ...actor.headers, [SUBJECT_HEADER]: a.subjectId } : actor.headers;
    await attempt(`${actor.label} reads B's decision record on the audit route`, {
      method: 'GET',
      path: `/v1/audit/decisions/${againstB.decisionId}`,
      headers,
    });
  }
  await attempt('viewer A asks "why this?" about a list served to B', {
    method: 'GET',
    path: `/v1/recommendations/${againstB.decisionId}/items/${againstB.listedItemId}/why`,
    headers: a.headers,
  });

  for (const route of scopedRoutes(stage.routes).sort(erasureLast)) {
    await attempt(`viewer A names B in ${SUBJECT_HEADER} on ${route.method} ${route.url}`, {
      method: route.method,
      path: pathFor(route, againstB),
      headers: { ...a.headers, [SUBJECT_HEADER]: b.subjectId },
      json: bodyFor(route, againstB),
    });
  }

  const ownOfA = new Set(stage.activityOfA.decisionIds);
  const guesses = [
    ...stage.activityOfB.decisionIds.flatMap((id) => neighbouringIds(id, 3)),
    ...stage.activityOfA.decisionIds.slice(0, 1).flatMap((id) => neighbouringIds(id, 2)),
  ].filter((id) => !ownOfA.has(id));
  for (const guess of guesses) {
    await attempt('viewer A reads a decision record by a guessed id', {
      method: 'GET',
      path: `/v1/me/decisions/${guess}`,
      headers: a.headers,
    });
  }
  for (const guess of neighbouringIds(b.subjectId, 2)) {
    await attempt(`viewer A names a guessed subject id in ${SUBJECT_HEADER}`, {
      method: 'GET',
      path: '/v1/me/history',
      headers: { ...a.headers, [SUBJECT_HEADER]: guess },
    });
  }

  // A's own routes may answer with A's data; what they must not do is answer with B's.
  for (const path of OWN_DATA_PATHS) {
    for (const field of SUBJECT_FIELDS) {
      await attempt(
        `viewer A puts B's id in ?${field} of ${path}`,
        { method: 'GET', path: `${path}?${field}=${b.subjectId}`, headers: a.headers },
        false,
      );
    }
  }
  const event = bodyFor({ method: 'POST', url: '/v1/events' }, againstB) as {
    events: Record<string, unknown>[];
  };
  await attempt(
    "viewer A names B in an event's subjectId",
    {
      method: 'POST',
      path: '/v1/events',
      headers: a.headers,
      json: { events: event.events.map((e) => ({ ...e, subjectId: b.subjectId })) },
    },
    false,
  );
  await attempt(
    'viewer A names B at the top of an events batch',
    { method: 'POST', path: '/v1/events', headers: a.headers, json: { ...event, subjectId: b.subjectId } },
    false,
  );
  await attempt(
    'viewer A names B in a feedback body',
    {
      method: 'POST',
      path: '/v1/feedback',
      headers: a.headers,
      json: { kind: 'thumb', itemId: againstB.itemId, value: -1, subjectId: b.subjectId },
    },
    false,
  );
  await attempt(
    'viewer A names B in a consent change',
    {
      method: 'PUT',
      path: '/v1/me/consents',
      headers: a.headers,
      json: { consents: { personalization: false }, subjectId: b.subjectId },
    },
    false,
  );
  await attempt("viewer A switches to B's profile", {
    method: 'POST',
    path: '/v1/auth/profile',
    headers: a.headers,
    json: { subjectId: b.subjectId, password: cast.password },
  });

  await sweepReadableRoutes(stage, log);

  const after = await ownView(url, b);
  const changed = after.filter((view, at) => view !== before[at]).map((view) => view.split(' ')[0]);
  log.check(
    GROUP,
    "viewer B's own view of their data is unchanged by A's attempts",
    changed.length === 0 ? null : `viewer B's data changed: ${changed.join(', ')}`,
  );
}

/**
 * Every GET route each role may call (A's own ids in the path), read for anything of B's. Staff may see
 * pseudonyms (analytics and quarantine work on them) and an admin account listings, so each reader is
 * checked for what it must never see.
 */
async function sweepReadableRoutes(stage: AttackStage, log: AttemptLog): Promise<void> {
  const { cast } = stage;
  const { viewerA: a } = cast;
  const ofB = (labels: readonly string[]) =>
    cast.secretsOfB.filter((s) => labels.some((l) => s.label.includes(l)));
  const personal = ['e-mail', 'display name', 'session token', 'bearer token'];
  const identity = [...personal, 'subject id', 'account id', 'username', 'decision record'];
  const readers: [Actor, Record<string, string>, readonly Secret[]][] = [
    [a, {}, cast.secretsOfB],
    [cast.service, { [SUBJECT_HEADER]: a.subjectId }, cast.secretsOfB],
    [cast.analyst, {}, ofB(identity)],
    [cast.curator, {}, ofB(identity)],
    [cast.admin, {}, ofB(personal)],
  ];
  const ownValues: RouteValues = {
    ...stage.valuesAgainstB,
    decisionId: stage.activityOfA.decisionIds[0] ?? stage.valuesAgainstB.decisionId,
    listedItemId: stage.activityOfA.listedItemIds[0] ?? stage.valuesAgainstB.listedItemId,
    subjectId: a.subjectId,
  };
  for (const [reader, extra, secrets] of readers) {
    for (const route of stage.routes) {
      if (route.method !== 'GET' || !('permission' in route.access)) continue;
      if (!grants(reader.roles, route.access.permission)) continue;
      const scoped = SUBJECT_SCOPED.has(route.access.permission);
      if (scoped && !reader.roles.includes('viewer') && !(SUBJECT_HEADER in extra)) continue;
      await log.attempt({
        group: GROUP,
        name: `${reader.label} reads ${route.url}: nothing of viewer B's`,
        request: { method: 'GET', path: pathFor(route, ownValues), headers: { ...reader.headers, ...extra } },
        mustRefuse: false,
        secrets: [...secrets, ...cast.serverSecrets],
      });
    }
  }
}
