import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/config-schema.js';
import { readPolicyFile } from '../../src/config/load-policy.js';
import { buildApi } from '../../src/server/build-app.js';
import { call, countRows, expectProblem } from '../server/api-helpers.js';
import { storeFactories } from '../support/test-stores.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';

interface Served {
  lineage: { policyVersion: string };
  items: { itemId: string }[];
}

describe.each(storeFactories)('policy as code through the API on %s', (_store, factory) => {
  let h: ApiHarness;
  let original: string;
  const policyUrl = '/v1/admin/policy';

  beforeAll(async () => {
    h = await apiHarness({ factory });
    original = h.built.context.policy.version;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const served = async () => (await call(h, 'GET', '/v1/recommendations?limit=5', h.viewer)).json() as Served;

  it('shows the policy in force, with its version and its first activation', async () => {
    const response = await call(h, 'GET', policyUrl, h.staff.auditor);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.version).toBe(original);
    expect(body.policy.ranking.poolSize).toBe(200);
    expect(body.policy.promotion.signoffRoles).toEqual(['analyst', 'auditor']);
    expect(body.activated).toMatchObject({ version: original, actor: 'system:start', note: 'first start' });
    expect((await call(h, 'PUT', policyUrl, h.staff.analyst, { policy: {} })).statusCode).toBe(403);
  });

  it('refuses an invalid policy by the path of its bad field and changes nothing', async () => {
    const historyBefore = await countRows(h, 'policy_history');
    const response = await call(h, 'PUT', policyUrl, h.staff.admin, {
      policy: { ranking: { rerankers: [{ kind: 'diversity', lambda: 5 }] } },
    });
    const body = expectProblem(response, 400, 'policy.ranking.rerankers.0.lambda');
    expect(body.type).toContain('invalid-policy');
    const yaml = await call(h, 'PUT', policyUrl, h.staff.admin, { yaml: 'ranking:\n  poolSize: [1\n' });
    expect(String(expectProblem(yaml, 400, 'policy').detail)).toMatch(/not valid YAML at line \d/);
    expectProblem(await call(h, 'PUT', policyUrl, h.staff.admin, {}), 400, 'policy');
    expect(h.built.context.policy.version).toBe(original);
    expect(await countRows(h, 'policy_history')).toBe(historyBefore);
    expect(existsSync(h.built.context.policyFile)).toBe(false);
    expect((await served()).lineage.policyVersion).toBe(original);
  });

  it('refuses a valid policy the deployment cannot apply, keeping the old one', async () => {
    const response = await call(h, 'PUT', policyUrl, h.staff.admin, {
      policy: { safety: { provider: 'azure' } },
    });
    expect(String(expectProblem(response, 422, 'policy').detail)).toContain('azure');
    expect(h.built.context.policy.version).toBe(original);
  });

  it('applies a change atomically: file, history, audit, and the next decision names the new version', async () => {
    const auditBefore = await countRows(h, 'audit_log', ['action', 'policy.update']);
    const response = await call(h, 'PUT', policyUrl, h.staff.admin, {
      policy: { ranking: { poolSize: 120, rerankers: [{ kind: 'diversity', lambda: 0.3 }] } },
      note: 'more variety on the home page',
      expectedVersion: original,
    });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ previous: original, changed: true });
    expect(result.version).not.toBe(original);
    expect(h.built.context.policy.version).toBe(result.version);
    expect(h.built.context.policy.policy.ranking.poolSize).toBe(120);

    // The file on disk means the same policy, so a restart (or a cluster sibling) serves it too.
    expect(readPolicyFile(h.built.context.policyFile).version).toBe(result.version);
    const history = (await call(h, 'GET', `${policyUrl}/history`, h.staff.analyst)).json();
    expect(history.current).toBe(result.version);
    expect(history.history[0]).toMatchObject({
      version: result.version,
      actor: `account:${h.staff.admin.accountId}`,
      note: 'more variety on the home page',
    });
    expect(await countRows(h, 'audit_log', ['action', 'policy.update'])).toBe(auditBefore + 1);
    const old = (await call(h, 'GET', `${policyUrl}/versions/${original}`, h.staff.auditor)).json();
    expect(old.policy.ranking.poolSize).toBe(200);

    const after = await served();
    expect(after.lineage.policyVersion).toBe(result.version);
    const params = (await call(h, 'GET', '/v1/transparency/main-parameters', h.viewer)).json();
    expect(params.policyVersion).toBe(result.version);
    expect(JSON.stringify(params.ranking)).toContain('Variety of genres');
    expect(JSON.stringify(params.ranking)).toContain('its 120 best titles');

    // Read-modify-write from a stale read is refused; the same document again changes nothing.
    const stale = await call(h, 'PUT', policyUrl, h.staff.admin, { policy: {}, expectedVersion: original });
    expectProblem(stale, 409, 'expectedVersion');
    const same = await call(h, 'PUT', policyUrl, h.staff.admin, {
      yaml: 'ranking:\n  poolSize: 120\n  rerankers:\n    - kind: diversity\n      lambda: 0.3\n',
    });
    expect(same.json()).toMatchObject({ changed: false, version: result.version });
  });

  it('validates a draft without applying it', async () => {
    const serving = h.built.context.policy.version;
    const bad = (
      await call(h, 'POST', `${policyUrl}/check`, h.staff.auditor, {
        policy: { maturity: { maxAudienceLevel: { kids: 5 } } },
      })
    ).json();
    expect(bad.valid).toBe(false);
    expect(bad.problems[0].path).toBe('maturity.maxAudienceLevel.kids');
    const good = (await call(h, 'POST', `${policyUrl}/check`, h.staff.auditor, { policy: {} })).json();
    expect(good).toMatchObject({ valid: true, version: original, sameAsServing: false });
    expect(h.built.context.policy.version).toBe(serving);
  });

  it('starts under the written policy after a restart, and records an edit made on disk outside the API', async () => {
    const config = configSchema.parse({ dataDir: h.t.dataDir, log: { level: 'silent' } });
    const restarted = await buildApi({ config, store: h.t.store, version: '0.0.0-test' });
    try {
      expect(restarted.context.policy.version).toBe(h.built.context.policy.version);
    } finally {
      await restarted.app.close();
    }
    const file = join(h.t.dataDir, 'policy.yaml');
    expect(readFileSync(file, 'utf8')).toContain('poolSize: 120');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'ranking:\n  poolSize: 90\n');
    const edited = await buildApi({ config, store: h.t.store, version: '0.0.0-test' });
    try {
      expect(edited.context.policy.policy.ranking.poolSize).toBe(90);
      const entry = await h.t.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'policy.loaded-changed')
        .executeTakeFirstOrThrow();
      expect(entry.target).toBe(edited.context.policy.version);
    } finally {
      await edited.app.close();
    }
  });
});
