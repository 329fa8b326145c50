import { randomUUID } from 'node:crypto';
import { apiCall, stringAt } from './api-call.js';
import type { Actor } from './throwaway-cast.js';

/** What a viewer did through the API, so that there is something of theirs to go after. */
export interface ViewerActivity {
  readonly itemIds: readonly string[];
  readonly decisionIds: readonly string[];
  /** Items on the viewer's first served list (for "why this?"). */
  readonly listedItemIds: readonly string[];
  /** Setup calls that did not succeed (an empty catalog, no model): the attacks run all the same. */
  readonly notes: readonly string[];
}

/**
 * Ordinary use of the API by one viewer: consent to personalization, a few viewing events, two served
 * lists (each leaves a decision record), feedback and a review. Everything goes through HTTP with the
 * viewer's own credentials, like any client.
 */
export async function actAsViewer(baseUrl: string, viewer: Actor): Promise<ViewerActivity> {
  const notes: string[] = [];
  const call = async (method: string, path: string, json?: unknown) => {
    const result = await apiCall(baseUrl, {
      method,
      path,
      headers: viewer.headers,
      ...(json === undefined ? {} : { json }),
    });
    if (result.status >= 300) notes.push(`${viewer.label}: ${method} ${path} answered ${result.status}`);
    return result;
  };
  await call('PUT', '/v1/me/consents', { consents: { personalization: true } });
  const items = await call('GET', '/v1/items?pageSize=6');
  const itemIds = ((items.body as { items?: { id: string }[] } | undefined)?.items ?? []).map(
    (item) => item.id,
  );
  if (itemIds.length > 0) {
    await call('POST', '/v1/events', {
      events: itemIds.slice(0, 4).map((itemId, at) => ({
        idempotencyKey: `redteam-${randomUUID()}`,
        itemId,
        kind: at === 0 ? 'rating' : 'view',
        value: at === 0 ? 4.5 : null,
      })),
    });
  }
  const decisionIds: string[] = [];
  let listedItemIds: string[] = [];
  for (const surface of ['home', 'search']) {
    const served = await call('GET', `/v1/recommendations?surface=${surface}&limit=5`);
    const decisionId = stringAt(served.body, 'decisionId');
    if (decisionId) decisionIds.push(decisionId);
    if (listedItemIds.length === 0) {
      listedItemIds = (
        (served.body as { items?: { itemId?: string; id?: string }[] } | undefined)?.items ?? []
      )
        .map((item) => item.itemId ?? item.id ?? '')
        .filter(Boolean);
    }
  }
  const target = listedItemIds[0] ?? itemIds[0];
  if (target) {
    await call('POST', '/v1/feedback', {
      kind: 'thumb',
      itemId: target,
      value: 1,
      ...(decisionIds[0] ? { decisionId: decisionIds[0] } : {}),
    });
    await call('POST', `/v1/items/${target}/reviews`, {
      text: 'Lovely film, we watched it twice.',
      rating: 5,
    });
  }
  return { itemIds, decisionIds, listedItemIds, notes };
}
