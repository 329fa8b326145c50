import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grants, type Permission, type Role, SUBJECT_SCOPED } from '../../src/server/auth/roles.js';
import type { RouteTableEntry } from '../../src/server/auth/route-access.js';
import { type ApiHarness, apiHarness, PASSWORD } from '../support/api-harness.js';
import { storeFactories } from '../support/test-stores.js';
import { expectProblem, type Headers, serviceFor } from './api-helpers.js';

/**
 * Malformed input on every route, sent with a credential that passes access control for it, so that the
 * input reaches validation and the handlers. Nothing may answer 5xx, and every refusal is a problem
 * details document without internals (stack frames, file paths).
 */

/** Moderate by default; CANDOR_FUZZ_RUNS runs more, CANDOR_FUZZ_SEED replays a failure's seed. */
const RUNS_PER_ROUTE = Number(process.env.CANDOR_FUZZ_RUNS ?? 25);
const SEED = process.env.CANDOR_FUZZ_SEED === undefined ? undefined : Number(process.env.CANDOR_FUZZ_SEED);

/** Keys the routes know, so that generated input gets past "unrecognized key" now and then. */
const QUERY_KEYS = [
  'surface',
  'limit',
  'itemId',
  'feed',
  'top',
  'query',
  'genre',
  'page',
  'pageSize',
  'before',
  'action',
];
const BODY_KEYS = [
  'events',
  'idempotencyKey',
  'itemId',
  'kind',
  'value',
  'occurredAt',
  'reason',
  'decisionId',
  'username',
  'password',
  'roles',
  'subjectId',
  'disabled',
  'name',
  'expiresInDays',
  'modelId',
  '__proto__',
  'constructor',
];

const NASTY_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e309',
  '-1e309',
  '99999999999999999999999999',
  '9007199254740993',
  'NaN',
  'Infinity',
  '0x10',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '%',
  '%zz',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\uffff',
  '🦊🦊',
  'ﷺ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  'home',
  'detail',
  'non-profiling',
  'rating',
  'view',
  'thumb',
  'not-interested',
  'viewer',
  'admin',
  'service',
  '2020-01-01T00:00:00Z',
  '2999-01-01T00:00:00Z',
  '01900000-0000-7000-8000-000000000000',
];

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD, as on the wire). */
const pct = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

interface FuzzInput {
  query: [string, string][];
  /** undefined: no body; a string: sent as the raw JSON text. */
  body: string | undefined;
  id: string;
  /** Whether `id` is already encoded (raw malformed escapes), or is to be percent-encoded. */
  rawId: boolean;
}

/**
 * Valid bodies for a route, which the fuzzer mutates (one member replaced by a random value, or removed),
 * so that input also gets past validation into the handlers and the store.
 */
type Body = Record<string, unknown>;

function mutate(template: Body, path: string[], value: unknown, remove: boolean): Body {
  const copy = structuredClone(template);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}

/** The paths of a template's leaves (members of objects, and of the first element of arrays). */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value))
    return value.length ? [prefix, ...leafPaths(value[0], [...prefix, '0'])] : [prefix];
  if (value !== null && typeof value === 'object') {
    const paths = Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
    return prefix.length ? [prefix, ...paths] : paths;
  }
  return [prefix];
}

function inputs(realIds: string[], templates: Body[]): fc.Arbitrary<FuzzInput> {
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...realIds) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 5000 }).map((n) => 'q'.repeat(n)) },
  );
  const queryKey = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...QUERY_KEYS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(...QUERY_KEYS).map((key) => `${key}[]`) },
  );
  const query = fc.array(fc.tuple(queryKey, text), { maxLength: 6 });

  const leaf = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1, 2, 5, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null),
    fc.constantFrom(...realIds),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...BODY_KEYS), fc.string({ maxLength: 8 })), tie('value'), {
        maxKeys: 5,
      }),
    ),
  }));
  const nearValidObject = fc.dictionary(fc.constantFrom(...BODY_KEYS), value, { maxKeys: 6 });
  const eventsBody = fc.record({
    events: fc.array(
      fc.dictionary(
        fc.constantFrom('idempotencyKey', 'itemId', 'kind', 'value', 'occurredAt', 'extra'),
        value,
        { maxKeys: 6 },
      ),
      { maxLength: 4 },
    ),
  });
  const deep = fc
    .tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
    );
  const huge = fc
    .tuple(fc.constantFrom(...BODY_KEYS), fc.integer({ min: 1000, max: 100_000 }))
    .map(([key, size]) =>
      JSON.stringify({ [key]: 'h'.repeat(size), kind: 'not-interested', reason: 'r'.repeat(size) }),
    );
  const body = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 3, arbitrary: nearValidObject.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: eventsBody.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: huge },
    ...(templates.length
      ? [
          {
            weight: 6,
            arbitrary: fc
              .tuple(fc.constantFrom(...templates), fc.nat(), value, fc.integer({ min: 0, max: 4 }))
              .map(([template, pick, replacement, op]) => {
                const paths = leafPaths(template);
                const path = paths[pick % paths.length] as string[];
                // op 0 keeps the valid body, 1 removes the member, others replace it.
                return JSON.stringify(op === 0 ? template : mutate(template, path, replacement, op === 1));
              }),
          },
        ]
      : []),
  );
  const id = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realIds).map((v) => ({ id: v, rawId: false })) },
    { weight: 2, arbitrary: text.map((v) => ({ id: v, rawId: false })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '..%2F..', '%00', '%FF%FE')
        .map((v) => ({ id: v, rawId: true })),
    },
  );
  return fc.record({ query, body, id }).map(({ query: q, body: b, id: i }) => ({ query: q, body: b, ...i }));
}

/** What the response must satisfy; the message says why not. */
function checkResponse(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  label: string,
): void {
  const fail = (why: string) => {
    throw new Error(`${label} -> ${response.statusCode} ${why}: ${response.body.slice(0, 400)}`);
  };
  if (response.statusCode >= 500) fail('server error');
  for (const leak of ['node_modules', '/work/', '"stack"', '.ts:', '.js:']) {
    if (response.statusCode >= 400 && response.body.includes(leak)) fail(`leaks ${leak}`);
  }
  if (response.statusCode < 400) return;
  if (!String(response.headers['content-type']).includes('application/problem+json'))
    fail('not problem+json');
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return fail('not JSON');
  }
  for (const member of ['type', 'title', 'detail'] as const) {
    if (typeof problem[member] !== 'string') fail(`no ${member}`);
  }
  if (problem.status !== response.statusCode) fail('status member differs');
  if (/\n\s*at |\bat .+\(.+:\d+:\d+\)/.test(problem.detail as string)) fail('stack frame in detail');
}

describe.each(storeFactories)('fuzzing every route on %s', (_name, factory) => {
  let h: ApiHarness;
  let realIds: Record<string, string[]>;
  let throwawayAccount: string;

  beforeAll(async () => {
    h = await apiHarness({
      factory,
      // High limits, so that the input reaches validation instead of the rate limiter.
      config: {
        rateLimit: { perMinute: 1_000_000, servicePerMinute: 1_000_000, signInPerMinute: 1_000_000 },
      },
    });
    const db = h.t.store.db;
    const items = (await db.selectFrom('items').select('id').limit(3).execute()).map((row) => row.id);
    const served = await h.built.app.inject({
      method: 'GET',
      url: '/v1/recommendations?limit=2',
      headers: h.viewer.headers,
    });
    throwawayAccount = (
      await h.built.context.auth.createAccount({
        username: 'fuzz-target',
        password: PASSWORD,
        roles: ['curator'],
      })
    ).id;
    await h.built.context.auth.createAccount({
      username: 'fuzz-session',
      password: PASSWORD,
      roles: ['curator'],
    });
    const keys: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      keys.push(
        (
          await h.built.context.auth.createApiKey({
            name: `fuzz-${i}`,
            roles: ['analyst'],
            createdBy: 'test',
          })
        ).record.id,
      );
    }
    realIds = {
      item: items,
      model: [h.built.context.serving.aliases().production as string],
      user: [throwawayAccount],
      key: keys,
      decision: [served.json().decisionId as string],
    };
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const idsFor = (url: string): string[] => {
    if (url.startsWith('/v1/admin/models')) return realIds.model as string[];
    if (url.startsWith('/v1/admin/users')) return realIds.user as string[];
    if (url.startsWith('/v1/admin/api-keys')) return realIds.key as string[];
    if (url.includes('/decisions/')) return realIds.decision as string[];
    return realIds.item as string[];
  };

  let templateSerial = 0;
  const templatesFor = (route: RouteTableEntry): Body[] => {
    const item = realIds.item?.[0];
    const model = realIds.model?.[0];
    const serial = () => (templateSerial += 1);
    switch (`${route.method} ${route.url}`) {
      case 'POST /v1/auth/login':
        return [{ username: 'fuzz-session', password: PASSWORD }];
      case 'POST /v1/admin/users':
        return [
          { username: `fuzz-user-${serial()}`, password: PASSWORD, roles: ['analyst'] },
          {
            username: `fuzz-viewer-${serial()}`,
            password: PASSWORD,
            roles: ['viewer'],
            subjectId: h.loneSubjectId,
          },
        ];
      case 'PATCH /v1/admin/users/:id':
        return [{ disabled: false }, { roles: ['curator'] }, { password: PASSWORD }];
      case 'POST /v1/admin/api-keys':
        return [{ name: 'fuzz key', roles: ['analyst'], expiresInDays: 30 }];
      case 'PUT /v1/admin/models/production':
        return [{ modelId: model }];
      case 'POST /v1/events':
        return [
          {
            events: [
              {
                idempotencyKey: `fuzz-event-${serial()}`,
                itemId: item,
                kind: 'rating',
                value: 4,
                occurredAt: '2024-01-01T00:00:00Z',
              },
            ],
          },
        ];
      case 'POST /v1/feedback':
        return [
          { kind: 'thumb', itemId: item, value: 1 },
          { kind: 'rating', itemId: item, value: 3, decisionId: realIds.decision?.[0] },
          { kind: 'not-interested', itemId: item, reason: 'not for me' },
        ];
      default:
        return [];
    }
  };

  /** A credential that passes access control for the route. */
  const credentialFor = async (route: RouteTableEntry): Promise<Headers> => {
    if ('public' in route.access) return {};
    const permission: Permission = route.access.permission;
    if (SUBJECT_SCOPED.has(permission)) return serviceFor(h, h.viewer.subjectId);
    if (route.url === '/v1/auth/logout') {
      // Signing out ends the session: a fresh one each time.
      const signedIn = await h.built.context.auth.signIn('fuzz-session', PASSWORD);
      return { authorization: `Bearer ${signedIn.bearer.token}` };
    }
    const role = (['admin', 'auditor', 'analyst', 'curator'] as const).find((r: Role) =>
      grants([r], permission),
    );
    if (!role) throw new Error(`no staff role has ${permission}`);
    return h.staff[role].headers;
  };

  it('answers malformed input on every route without a server error, with problem details', async () => {
    const routes = h.built.routes.filter((route) => !route.url.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    for (const route of routes) {
      const details = await fc.check(
        fc.asyncProperty(inputs(idsFor(route.url), templatesFor(route)), async (input) => {
          const path = route.url.replace(':id', input.rawId ? input.id : pct(input.id));
          const search = input.query.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
          const url = search ? `${path}?${search}` : path;
          // GET requests carry a body now and then too (when the query has an odd number of pairs).
          const sendsBody =
            input.body !== undefined && (route.method !== 'GET' || input.query.length % 2 === 1);
          const headers: Headers = { ...(await credentialFor(route)) };
          if (sendsBody) headers['content-type'] = 'application/json';
          const response = await h.built.app.inject({
            method: route.method as 'GET',
            url,
            headers,
            ...(sendsBody ? { payload: input.body } : {}),
          });
          checkResponse(
            response,
            `${route.method} ${url.slice(0, 200)} body ${String(input.body).slice(0, 200)}`,
          );
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      if (details.failed)
        failures.push(
          `${route.method} ${route.url} (CANDOR_FUZZ_SEED=${details.seed}): ${String(details.errorInstance)}`.slice(
            0,
            1500,
          ),
        );
    }
    expect(failures).toEqual([]);
    // The staff accounts the fuzzing used still work: nothing it sent disabled them.
    const still = await h.built.app.inject({
      method: 'GET',
      url: '/v1/admin/users',
      headers: h.staff.admin.headers,
    });
    expect(still.statusCode).toBe(200);
  }, 120_000);

  const post = (url: string, headers: Headers, payload: string | Buffer) =>
    h.built.app.inject({
      method: 'POST',
      url,
      headers: { ...serviceFor(h, h.viewer.subjectId), ...headers },
      payload,
    });

  it('refuses a body over the size limit with 413', async () => {
    const limit = h.built.context.config.server.bodyLimitBytes;
    const body = JSON.stringify({
      events: [{ idempotencyKey: 'x'.repeat(limit), itemId: 'y', kind: 'view' }],
    });
    const response = await post('/v1/events', { 'content-type': 'application/json' }, body);
    const problem = expectProblem(response, 413);
    expect(problem.type).toBe('https://candor.dev/problems/body-too-large');
  });

  it('refuses invalid JSON with 400', async () => {
    for (const payload of ['{"events": [', '{events: []}', "{'a': 1}", '\u0000', '{"a":1}{"b":2}', '']) {
      const response = await post('/v1/events', { 'content-type': 'application/json' }, payload);
      expectProblem(response, 400);
    }
  });

  it('refuses a media type it does not read with 415, and never reads text/plain as JSON', async () => {
    const valid = JSON.stringify({
      events: [{ idempotencyKey: 'media-type-1', itemId: realIds.item?.[0], kind: 'view' }],
    });
    for (const type of [
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      expectProblem(await post('/v1/events', { 'content-type': type }, valid), 415);
    }
    // A cross-site form can send text/plain without a preflight: the body stays a string and is refused.
    const before = await h.t.store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expectProblem(await post('/v1/events', { 'content-type': 'text/plain' }, valid), 400);
    const after = await h.t.store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers a malformed URL escape and an unknown route with problem details', async () => {
    const bad = await h.built.app.inject({
      method: 'GET',
      url: '/v1/items/%E0%A4%A',
      headers: h.staff.curator.headers,
    });
    expectProblem(bad, 400);
    const unknown = await h.built.app.inject({
      method: 'GET',
      url: '/v1/nothing-here',
      headers: h.staff.curator.headers,
    });
    expectProblem(unknown, 404);
  });

  it('refuses text with NUL characters as a bad request, on every engine', async () => {
    const item = realIds.item?.[0] as string;
    const cases: [string, string, Headers, unknown][] = [
      ['GET', `/v1/items?query=${pct('a\u0000b')}`, h.staff.curator.headers, undefined],
      ['GET', `/v1/items?genre=${pct('\u0000')}`, h.staff.curator.headers, undefined],
      ['GET', `/v1/audit/log?action=${pct('x\u0000')}`, h.staff.auditor.headers, undefined],
      ['POST', '/v1/auth/login', {}, { username: 'staff-admin\u0000', password: PASSWORD }],
      ['POST', '/v1/admin/api-keys', h.staff.admin.headers, { name: 'a\u0000b', roles: ['analyst'] }],
      [
        'POST',
        '/v1/feedback',
        serviceFor(h, h.viewer.subjectId),
        { kind: 'not-interested', itemId: item, reason: 'nul \u0000 here' },
      ],
    ];
    for (const [method, url, headers, payload] of cases) {
      const response = await h.built.app.inject({
        method: method as 'GET',
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(400);
      expectProblem(response, 400);
    }
  });

  it('answers a second account for a viewer who has one with 409, not a failed insert', async () => {
    const create = (username: string) =>
      h.built.app.inject({
        method: 'POST',
        url: '/v1/admin/users',
        headers: h.staff.admin.headers,
        payload: { username, password: PASSWORD, roles: ['viewer'], subjectId: h.viewer.subjectId },
      });
    expectProblem(await create('second-account-for-one'), 409, 'subjectId');
    const accounts = await h.t.store.db
      .selectFrom('accounts')
      .select('id')
      .where('subject_id', '=', h.viewer.subjectId)
      .execute();
    expect(accounts).toHaveLength(1);
  });

  it('does not let a __proto__ key through', async () => {
    const response = await post(
      '/v1/feedback',
      { 'content-type': 'application/json' },
      '{"kind":"thumb","itemId":"01900000-0000-7000-8000-000000000000","value":1,"__proto__":{"polluted":true}}',
    );
    expectProblem(response, 400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
