import { randomUUID } from 'node:crypto';
import type { AttackRequest, Secret } from './access-attempt.js';
import { apiCall } from './api-call.js';
import type { AttackStage } from './attack-stage.js';
import type { AttemptLog } from './attempt-log.js';

const GROUP = 'bodies';
/** The key prototype pollution would add to every object of the server process (which is this one). */
const POLLUTED = 'redteamPolluted';

const encoder = new TextEncoder();

function validEvent(itemId: string): Record<string, unknown> {
  return { idempotencyKey: `redteam-${randomUUID()}`, itemId, kind: 'view' };
}

/** `[[[...]]]` or `{"a":{"a":...}}` nested `depth` deep, built as text (JSON.stringify would recurse). */
function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A body streamed in chunks without a length, so that the limit cannot be checked up front. */
function streamOf(bytes: number): () => ReadableStream<Uint8Array> {
  return () => {
    let sent = 0;
    const chunk = encoder.encode(`"${'x'.repeat(64 * 1024 - 2)}",`);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"events":['));
      },
      pull(controller) {
        if (sent >= bytes) {
          controller.enqueue(encoder.encode('1]}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
  };
}

/**
 * Bodies and inputs the server must survive: over the size limit (declared and streamed), deeply
 * nested, the wrong content type (a JSON body as text/plain or a form is what a cross-site form could
 * send), not an object, NUL characters, invalid UTF-8, prototype-pollution keys, oversized batches, and
 * SQL fragments in query parameters and paths; then the catalog must be as it was and no object in this
 * process may have gained a property.
 */
export async function bodyAttacks(stage: AttackStage, log: AttemptLog): Promise<void> {
  const { cast, url } = stage;
  const a = cast.viewerA;
  const itemId = stage.valuesAgainstB.itemId;
  const limit = stage.server.config.server.bodyLimitBytes;
  const secrets: Secret[] = [
    ...cast.secretsOfB,
    ...cast.serverSecrets,
    { label: 'a file outside the web app (package.json)', value: '"name": "candor"' },
    { label: 'a system file (/etc/passwd)', value: 'root:x:0:0' },
  ];
  const attempt = (name: string, request: AttackRequest, mustRefuse = true) =>
    log.attempt({ group: GROUP, name, request, mustRefuse, secrets });
  const events = (
    raw: string | Uint8Array | (() => ReadableStream<Uint8Array>),
    contentType = 'application/json',
  ) => ({
    method: 'POST',
    path: '/v1/events',
    headers: { ...a.headers, 'content-type': contentType },
    raw,
  });
  const catalogBefore = (
    await apiCall(url, { method: 'GET', path: '/v1/items?pageSize=1', headers: a.headers })
  ).body;

  const padding = JSON.stringify({ events: [validEvent(itemId)], pad: 'x'.repeat(limit + 1024) });
  await attempt(`a JSON body ${limit + 1024} bytes over the limit`, events(padding));
  await attempt('an oversized body streamed without a length', events(streamOf(limit + 256 * 1024)));
  await attempt('an oversized sign-in body (no credentials needed)', {
    method: 'POST',
    path: '/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    raw: JSON.stringify({ username: 'x', password: 'y'.repeat(limit + 1024) }),
  });
  for (const depth of [1_000, 100_000]) {
    await attempt(`arrays nested ${depth} deep`, events(`{"events":${nested(depth, 'array')}}`));
    await attempt(`objects nested ${depth} deep`, events(`{"events":[${nested(depth, 'object')}]}`));
  }
  await attempt('objects nested 100000 deep at sign-in', {
    method: 'POST',
    path: '/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    raw: `{"username":${nested(100_000, 'object')},"password":"x"}`,
  });

  const valid = JSON.stringify({ events: [validEvent(itemId)] });
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ]) {
    await attempt(`a valid events batch sent as ${type.split(';')[0]}`, events(valid, type));
  }
  await attempt('a valid events batch with no content type', {
    method: 'POST',
    path: '/v1/events',
    headers: a.headers,
    raw: encoder.encode(valid),
  });
  await attempt('a JSON body declared as UTF-16', events(valid, 'application/json; charset=utf-16'), false);
  for (const body of ['null', '[]', '"events"', '123', '', '{', '{"events":[}']) {
    await attempt(`the JSON body ${JSON.stringify(body)}`, events(body));
  }

  await attempt('a NUL character in a review', {
    method: 'POST',
    path: `/v1/items/${itemId}/reviews`,
    headers: a.headers,
    json: { text: 'good\u0000film' },
  });
  await attempt(
    'a NUL character in an idempotency key',
    events(JSON.stringify({ events: [{ ...validEvent(itemId), idempotencyKey: 'redteam-\u0000-key' }] })),
  );
  await attempt('a NUL character in a search query', {
    method: 'GET',
    path: '/v1/items?query=a%00b',
    headers: a.headers,
  });
  await attempt('a NUL character in a path', { method: 'GET', path: '/v1/items/%00', headers: a.headers });
  const invalidUtf8 = Buffer.concat([
    Buffer.from('{"events":[{"idempotencyKey":"redteam-'),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
    Buffer.from(`","itemId":"${itemId}","kind":"view"}]}`),
  ]);
  // Decoding invalid bytes to U+FFFD is lossy, not unsafe: only a crash or a leak counts here.
  await attempt('invalid UTF-8 in a JSON body', events(new Uint8Array(invalidUtf8)), false);
  await attempt(
    'invalid UTF-8 escapes in a query',
    { method: 'GET', path: '/v1/items?query=%ff%fe%c3%28', headers: a.headers },
    false,
  );
  await attempt(
    'a lone surrogate in a review',
    {
      method: 'POST',
      path: `/v1/items/${itemId}/reviews`,
      headers: a.headers,
      json: { text: 'good \ud800 film' },
    },
    false,
  );
  await attempt(
    'a rating of 1e309',
    events(
      `{"events":[{"idempotencyKey":"redteam-${randomUUID()}","itemId":"${itemId}","kind":"rating","value":1e309}]}`,
    ),
  );

  const event = JSON.stringify(validEvent(itemId)).slice(1, -1);
  await attempt(
    '__proto__ at the top of a body',
    events(`{"__proto__":{"${POLLUTED}":true},"events":[{${event}}]}`),
  );
  await attempt(
    '__proto__ inside an event',
    events(`{"events":[{"__proto__":{"${POLLUTED}":true},${event}}]}`),
  );
  await attempt(
    'constructor.prototype in a body',
    events(`{"constructor":{"prototype":{"${POLLUTED}":true}},"events":[{${event}}]}`),
  );
  await attempt('__proto__ as a consent purpose', {
    method: 'PUT',
    path: '/v1/me/consents',
    headers: { ...a.headers, 'content-type': 'application/json' },
    raw: `{"consents":{"__proto__":{"${POLLUTED}":true}}}`,
  });
  await attempt(
    '__proto__ in a query string',
    {
      method: 'GET',
      path: `/v1/items?__proto__[${POLLUTED}]=1&constructor[prototype][${POLLUTED}]=1`,
      headers: a.headers,
    },
    false,
  );

  await attempt(
    'an events batch one over the limit (501)',
    events(JSON.stringify({ events: Array.from({ length: 501 }, () => validEvent(itemId)) })),
  );
  await attempt(
    'an events batch of 200000 numbers',
    events(`{"events":[${Array(200_000).fill('1').join(',')}]}`),
  );
  await attempt(
    '500 events for items that do not exist',
    events(JSON.stringify({ events: Array.from({ length: 500 }, () => validEvent(randomUUID())) })),
  );

  for (const fragment of [
    "' OR '1'='1",
    "%'; DROP TABLE items; --",
    "' UNION SELECT username, password_hash FROM accounts --",
    '1) OR (1=1',
  ]) {
    const q = encodeURIComponent(fragment);
    await attempt(
      `SQL in a search query: ${fragment}`,
      { method: 'GET', path: `/v1/items?query=${q}`, headers: a.headers },
      false,
    );
    await attempt(
      `SQL in a genre filter: ${fragment}`,
      { method: 'GET', path: `/v1/items?genre=${q}`, headers: a.headers },
      false,
    );
    await attempt(`SQL in a history cursor: ${fragment}`, {
      method: 'GET',
      path: `/v1/me/history?before=${q}`,
      headers: a.headers,
    });
    await attempt(`SQL in an item path: ${fragment}`, {
      method: 'GET',
      path: `/v1/items/${q}`,
      headers: a.headers,
    });
    await attempt(`SQL in a page size: ${fragment}`, {
      method: 'GET',
      path: `/v1/items?pageSize=${q}`,
      headers: a.headers,
    });
  }
  await attempt("SQL in a service key's Candor-Subject", {
    method: 'GET',
    path: '/v1/me',
    headers: { ...cast.service.headers, 'candor-subject': "' OR '1'='1" },
  });

  await attempt(
    'a 20 KB header',
    {
      method: 'GET',
      path: '/v1/items?pageSize=1',
      headers: { ...a.headers, 'x-redteam': 'a'.repeat(20_000) },
    },
    false,
  );
  await attempt(
    'a 100 KB query string',
    { method: 'GET', path: `/v1/items?query=${'a'.repeat(100_000)}`, headers: a.headers },
    false,
  );
  for (const path of [
    '/../../../../etc/passwd',
    '/assets/../../../../../../etc/passwd',
    '/..%2f..%2fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/....//....//secrets/token-signing.key',
  ]) {
    await attempt(`a path out of the web app: ${path}`, { method: 'GET', path, verbatim: true }, false);
  }

  const catalogAfter = (
    await apiCall(url, { method: 'GET', path: '/v1/items?pageSize=1', headers: a.headers })
  ).body;
  log.check(
    GROUP,
    'the catalog is as it was',
    JSON.stringify(catalogBefore) === JSON.stringify(catalogAfter) ? null : 'the first catalog page changed',
  );
  const polluted = POLLUTED in Object.prototype;
  log.check(
    GROUP,
    'no object of the server process gained a property',
    polluted ? `Object.prototype.${POLLUTED} is set` : null,
  );
}
