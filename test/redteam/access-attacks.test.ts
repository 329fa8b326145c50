import { existsSync, rmSync } from 'node:fs';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { configSchema } from '../../src/config/config-schema.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { trainModel } from '../../src/models/train-model.js';
import { accessFamily, type PreparedAccessFamily } from '../../src/redteam/access-family.js';
import {
  ACCESS_GROUPS,
  type AccessAttempt,
  type ObservedResponse,
} from '../../src/redteam/access/access-attempt.js';
import type { AccessReport } from '../../src/redteam/access/access-report.js';
import { disposableCopy } from '../../src/redteam/access/disposable-data.js';
import {
  flipSignature,
  signedToken,
  tamperPayload,
  unsignedToken,
} from '../../src/redteam/access/forge-token.js';
import { neighbouringIds } from '../../src/redteam/access/guess-ids.js';
import { judgeResponse } from '../../src/redteam/access/judge-response.js';
import { mustBeRefused } from '../../src/redteam/access/role-escalation-attacks.js';
import { bodyFor, pathFor, type RouteValues } from '../../src/redteam/access/route-requests.js';
import type { Actor } from '../../src/redteam/access/throwaway-cast.js';
import { RedteamOptionError } from '../../src/redteam/redteam-family.js';
import { openStore } from '../../src/store/open-store.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';
import { tempDir } from '../support/dataset-fixtures.js';

const B_SUBJECT = '01900000-0000-7000-8000-0000000000bb';
const attempt = (overrides: Partial<AccessAttempt> = {}): AccessAttempt => ({
  group: 'id-guessing',
  name: 'test',
  request: { method: 'GET', path: '/v1/me/decisions/x' },
  mustRefuse: true,
  secrets: [{ label: "viewer B's subject id", value: B_SUBJECT }],
  ...overrides,
});
const answer = (status: number, body = '', contentType = 'application/json'): ObservedResponse => ({
  status,
  headers: { 'content-type': contentType },
  body,
});

describe('the success detector', () => {
  it('counts a 2xx on a call that must be refused, and nothing else about a refusal', () => {
    expect(judgeResponse(attempt(), answer(200, '{}'))).toMatchObject({ success: true, refused: false });
    expect(judgeResponse(attempt(), answer(201, '{}')).reasons).toEqual([
      'answered 201 where it must refuse',
    ]);
    expect(judgeResponse(attempt(), answer(403, '{}'))).toEqual({
      success: false,
      refused: true,
      reasons: [],
    });
    expect(judgeResponse(attempt({ mustRefuse: false }), answer(200, '{}')).success).toBe(false);
  });

  it('counts a crash: an internal 5xx, a server that stops answering; not a named refusal', () => {
    const internal = '{"type":"https://candor.dev/problems/internal","status":500}';
    expect(judgeResponse(attempt(), answer(500, internal, 'application/problem+json')).success).toBe(true);
    expect(judgeResponse(attempt(), answer(502, 'Bad Gateway', 'text/plain')).success).toBe(true);
    const named = '{"type":"https://candor.dev/problems/web-app-not-built","status":503}';
    expect(
      judgeResponse(attempt({ mustRefuse: false }), answer(503, named, 'application/problem+json')).success,
    ).toBe(false);
    const dead = { status: 0, headers: {}, body: '', error: 'ECONNRESET', serverAlive: false };
    expect(judgeResponse(attempt(), dead)).toMatchObject({ success: true, refused: false });
    expect(judgeResponse(attempt(), { ...dead, serverAlive: true })).toMatchObject({
      success: false,
      refused: true,
    });
  });

  it("counts another subject's id in the body, unless the request itself carried it", () => {
    const leak = judgeResponse(attempt({ mustRefuse: false }), answer(200, `{"subject":"${B_SUBJECT}"}`));
    expect(leak).toMatchObject({ success: true, reasons: ["leaked viewer B's subject id"] });
    const echoed = attempt({ request: { method: 'GET', path: `/v1/me/decisions/${B_SUBJECT}` } });
    expect(judgeResponse(echoed, answer(404, `{"instance":"/v1/me/decisions/${B_SUBJECT}"}`)).success).toBe(
      false,
    );
    const inHeader = { ...answer(200, '{}'), headers: { 'x-subject': B_SUBJECT } };
    expect(judgeResponse(attempt({ mustRefuse: false }), inHeader).success).toBe(true);
  });

  it('counts stack traces and database errors in an answer', () => {
    const stack = 'Error: boom\n    at Object.handler (/srv/candor/dist/server/routes/me.js:12:5)';
    expect(judgeResponse(attempt({ mustRefuse: false }), answer(400, stack)).reasons).toEqual([
      'stack trace in the answer',
    ]);
    expect(
      judgeResponse(attempt({ mustRefuse: false }), answer(400, 'SqliteError: near "OR": syntax error'))
        .reasons,
    ).toEqual(['database error in the answer']);
  });
});

describe('attack material', () => {
  it('guesses the UUIDs next to one seen, in both directions and a few ms apart', () => {
    const id = '01900000-0000-7000-8000-000000000010';
    const guesses = neighbouringIds(id, 2);
    expect(guesses).toHaveLength(8);
    expect(guesses).not.toContain(id);
    expect(guesses).toEqual(
      expect.arrayContaining([
        '01900000-0000-7000-8000-000000000011',
        '01900000-0000-7000-8000-00000000000f',
        '01900000-0001-7000-8000-000000000010',
        '018fffff-ffff-7000-8000-000000000010',
      ]),
    );
  });

  it('forges tokens the way an attacker would', async () => {
    const key = new Uint8Array(32).fill(7);
    const claims = { accountId: 'account-a', sessionId: 'session-a' };
    const real = await signedToken(claims, { key });
    await expect(jwtVerify(real, key, { issuer: 'candor', audience: 'candor-api' })).resolves.toBeDefined();
    const tampered = tamperPayload(real, { sub: 'admin' });
    expect(tampered.split('.')[2]).toBe(real.split('.')[2]);
    expect(JSON.parse(Buffer.from(tampered.split('.')[1] as string, 'base64url').toString()).sub).toBe(
      'admin',
    );
    await expect(jwtVerify(tampered, key)).rejects.toThrow();
    await expect(jwtVerify(flipSignature(real), key)).rejects.toThrow();
    const none = unsignedToken(claims);
    expect(JSON.parse(Buffer.from(none.split('.')[0] as string, 'base64url').toString()).alg).toBe('none');
    expect(none.endsWith('.')).toBe(true);
  });

  it('knows who must be refused where (the authorization matrix)', () => {
    const viewer = { actor: { roles: ['viewer'] } as unknown as Actor, hasSubject: true };
    const admin = { actor: { roles: ['admin'] } as unknown as Actor, hasSubject: false };
    const service = { actor: { roles: ['service'] } as unknown as Actor, hasSubject: false };
    const route = (url: string, permission: string) =>
      ({ method: 'GET', url, access: { permission } }) as Parameters<typeof mustBeRefused>[0];
    expect(mustBeRefused(route('/v1/admin/users', 'users:manage'), viewer)).toBe(true);
    expect(mustBeRefused(route('/v1/me', 'me:read'), viewer)).toBe(false);
    expect(mustBeRefused(route('/v1/me', 'me:read'), admin)).toBe(true);
    expect(mustBeRefused(route('/v1/me', 'me:read'), service)).toBe(true);
    expect(mustBeRefused(route('/v1/me', 'me:read'), { ...service, hasSubject: true })).toBe(false);
    expect(mustBeRefused({ method: 'GET', url: '/healthz', access: { public: 'health' } }, viewer)).toBe(
      false,
    );
  });

  it('fills route parameters and gives bodies that would do real work', () => {
    const values: RouteValues = {
      itemId: 'item-1',
      decisionId: 'decision-b',
      listedItemId: 'listed-1',
      modelId: 'model-1',
      accountId: 'account-a',
      apiKeyId: 'key-1',
      subjectId: 'subject-b',
    };
    expect(pathFor({ method: 'GET', url: '/v1/recommendations/:id/items/:itemId/why' }, values)).toBe(
      '/v1/recommendations/decision-b/items/listed-1/why',
    );
    expect(pathFor({ method: 'PATCH', url: '/v1/admin/users/:id' }, values)).toBe(
      '/v1/admin/users/account-a',
    );
    expect(pathFor({ method: 'DELETE', url: '/v1/admin/subjects/:subject' }, values)).toBe(
      '/v1/admin/subjects/subject-b?confirm=true',
    );
    expect(pathFor({ method: 'POST', url: '/v1/safety/text::analyze' }, values)).toBe(
      '/v1/safety/text:analyze',
    );
    expect(bodyFor({ method: 'PATCH', url: '/v1/admin/users/:id' }, values)).toEqual({ roles: ['admin'] });
    expect(bodyFor({ method: 'GET', url: '/v1/me' }, values)).toBeUndefined();
  });

  it('refuses to copy what it cannot copy: a database URL, a missing folder', async () => {
    const dir = tempDir('candor-redteam-empty-');
    try {
      await expect(
        disposableCopy(configSchema.parse({ dataDir: dir, databaseUrl: 'postgres://localhost/candor' })),
      ).rejects.toBeInstanceOf(RedteamOptionError);
      await expect(disposableCopy(configSchema.parse({ dataDir: `${dir}/missing` }))).rejects.toBeInstanceOf(
        RedteamOptionError,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('access family against a running API', () => {
  let dataDir: string;
  let dataset: string;
  let prepared: PreparedAccessFamily;
  const reports = new Map<string, AccessReport & { data: { copy: string } }>();

  beforeAll(async () => {
    dataDir = tempDir('candor-redteam-data-');
    dataset = tempDir('candor-redteam-dataset-');
    await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 80, viewers: 30, seed: 5 }));
    const store = await openStore({ dataDir });
    try {
      await runImport(store, await openImportSource(dataset), { consent: TEST_IMPORT_CONSENT });
      await trainModel(store, dataDir, { algorithm: 'ease', alias: 'production' });
    } finally {
      await store.close();
    }
    prepared = await accessFamily.prepare({ dataDir }, { info: () => {} });
  }, 120_000);
  afterAll(async () => {
    await prepared?.close();
    for (const dir of [dataDir, dataset]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(ACCESS_GROUPS)(
    'access:%s: every attempt refused or harmless, zero successes',
    async (group) => {
      const result = await prepared.run(group);
      const report = result.report as AccessReport & { data: { copy: string } };
      reports.set(group, report);
      expect(result.kind).toBe(`access:${group}`);
      expect(report.successes).toEqual([]);
      expect(result.passed).toBe(true);
      expect(report.attempts).toBeGreaterThan(40);
      expect(report.refused).toBeGreaterThan(20);
      expect(report.checks.length).toBeGreaterThan(0);
      expect(report.checks.every((check) => check.passed)).toBe(true);
      expect(result.summary).toContain('0 succeeded');
    },
    120_000,
  );

  it('leaves the original data folder alone and removes its copy', async () => {
    const store = await openStore({ dataDir });
    try {
      const accounts = await store.db.selectFrom('accounts').select('username').execute();
      expect(accounts.filter((a) => a.username.startsWith('redteam-'))).toEqual([]);
    } finally {
      await store.close();
    }
    const copy = [...reports.values()][0]?.data.copy as string;
    expect(existsSync(copy)).toBe(true);
    await prepared.close();
    expect(existsSync(copy)).toBe(false);
  });
});
