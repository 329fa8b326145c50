import { randomUUID } from 'node:crypto';
import type { RouteTableEntry } from '../../server/auth/route-access.js';
import { apiCall } from './api-call.js';
import type { AttackServer } from './attack-server.js';
import type { RouteValues } from './route-requests.js';
import { type Cast, createCast } from './throwaway-cast.js';
import { actAsViewer, type ViewerActivity } from './viewer-activity.js';

/** Everything an attack group works with: the server, its route table, the cast and what the viewers did. */
export interface AttackStage {
  readonly server: AttackServer;
  readonly url: string;
  /** Every route the server declared, with its access rule: new routes get attacked too. */
  readonly routes: readonly RouteTableEntry[];
  readonly cast: Cast;
  readonly activityOfA: ViewerActivity;
  readonly activityOfB: ViewerActivity;
  /** Path values aimed at viewer B's data and the caller's own account. */
  readonly valuesAgainstB: RouteValues;
  /** Setup calls that did not succeed. */
  readonly notes: readonly string[];
}

/** Without a web build, file routes answer 503 before touching the disk: traversal then tests only the router. */
async function webAppNote(url: string): Promise<string[]> {
  const shell = await apiCall(url, { method: 'GET', path: '/' });
  return shell.status === 503
    ? ['the web app is not built here: path traversal reached the router, not the static file server']
    : [];
}

/** A fresh cast on the running server, each viewer with some history, and the values attacks aim at. */
export async function setStage(server: AttackServer): Promise<AttackStage> {
  const cast = await createCast(server);
  const activityOfA = await actAsViewer(server.url, cast.viewerA);
  const activityOfB = await actAsViewer(server.url, cast.viewerB);
  activityOfB.decisionIds.forEach((id, at) =>
    cast.secretsOfB.push({ label: `viewer B's decision record ${at + 1}`, value: id }),
  );
  const itemId = activityOfB.itemIds[0] ?? randomUUID();
  return {
    server,
    url: server.url,
    routes: server.built.routes,
    cast,
    activityOfA,
    activityOfB,
    valuesAgainstB: {
      itemId,
      decisionId: activityOfB.decisionIds[0] ?? randomUUID(),
      listedItemId: activityOfB.listedItemIds[0] ?? itemId,
      modelId: server.built.context.serving.aliases().production ?? randomUUID(),
      accountId: cast.viewerA.accountId,
      apiKeyId: cast.service.keyId,
      subjectId: cast.viewerB.subjectId,
    },
    notes: [...activityOfA.notes, ...activityOfB.notes, ...(await webAppNote(server.url))],
  };
}
