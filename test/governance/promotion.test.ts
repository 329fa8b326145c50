import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServingPolicy, type ServingPolicyInput } from '../../src/config/serving-policy.js';
import { trainModel } from '../../src/models/train-model.js';
import { storeFactories } from '../support/test-stores.js';
import { type ApiHarness, apiHarness, type Caller, PASSWORD } from '../support/api-harness.js';
import { call, countRows, expectProblem } from '../server/api-helpers.js';

/** Every threshold but coverage out of the way, so that a gate fails on coverage alone or passes. */
const policyWith = (minCoverage: number): ServingPolicyInput => ({
  promotion: {
    thresholds: {
      minCoverage,
      minRelativeAccuracy: 0,
      minAccuracy: 0,
      minGroupFairnessRatio: 0,
      minExposureRatio: 0,
      maxUnsafeShare: 1,
    },
  },
});

interface Check {
  id: string;
  passed: boolean;
  value: number | null;
  threshold: number;
  skipped: string | null;
}

describe.each(storeFactories)(
  'promotion: gate, sign-off, promote, rollback over HTTP on %s',
  (_store, factory) => {
    let h: ApiHarness;
    let production: string;
    let candidate: string;
    let both: Caller;

    beforeAll(async () => {
      h = await apiHarness({ factory, policy: policyWith(1) });
      production = h.built.context.serving.aliases().production as string;
      candidate = (await trainModel(h.t.store, h.t.dataDir, { algorithm: 'itemknn' })).manifest.id;
      const auth = h.built.context.auth;
      const account = await auth.createAccount({
        username: 'analyst-and-auditor',
        password: PASSWORD,
        roles: ['analyst', 'auditor'],
      });
      both = {
        headers: {
          authorization: `Bearer ${(await auth.signIn('analyst-and-auditor', PASSWORD)).bearer.token}`,
        },
        role: 'analyst',
        accountId: account.id,
      };
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    const gate = (who: Caller = h.staff.admin) =>
      call(h, 'POST', `/v1/admin/models/${candidate}/gate`, who, {});
    const signoff = (who: Caller, role: string) =>
      call(h, 'POST', `/v1/admin/models/${candidate}/signoffs`, who, { role });
    const promote = (who: Caller = h.staff.admin) =>
      call(h, 'POST', `/v1/admin/models/${candidate}/promote`, who, { reason: 'better lists' });
    const servedModel = async () =>
      (await call(h, 'GET', '/v1/recommendations?limit=3', h.viewer)).json().lineage.modelId as string;

    it('names a freshly trained version the candidate, recorded in the alias history', async () => {
      expect(h.built.context.serving.aliases()).toMatchObject({ production, candidate });
      const history = await call(h, 'GET', '/v1/admin/models/aliases/history', h.staff.auditor);
      expect(history.statusCode).toBe(200);
      const events = history.json().events as { alias: string; action: string; modelId: string }[];
      expect(events[0]).toMatchObject({ alias: 'candidate', action: 'set', modelId: candidate });
      expect(events.find((e) => e.alias === 'production')).toMatchObject({
        action: 'bootstrap',
        modelId: production,
      });
    });

    it('fails a gate on one impossible threshold, names it, and refuses sign-off and promotion', async () => {
      expectProblem(await gate(h.staff.analyst), 403);
      const run = await gate();
      expect(run.statusCode, run.body).toBe(200);
      const report = run.json();
      expect(report).toMatchObject({ modelId: candidate, baselineId: production, passed: false });
      const checks = report.checks as Check[];
      const coverage = checks.find((c) => c.id === 'coverage') as Check;
      expect(coverage).toMatchObject({ passed: false, threshold: 1, skipped: null });
      expect(coverage.value).toBeLessThan(1);
      expect(checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(['coverage']);
      expect(report.failures).toHaveLength(1);
      expect(report.failures[0]).toContain('coverage');
      // Measured against production on the same protocol: both sides have an nDCG.
      const relative = checks.find((c) => c.id === 'accuracy-relative') as Check;
      expect(relative.skipped).toBeNull();
      expect(report.baseline.metrics.ndcg).toBeGreaterThan(0);
      expect(relative.value).toBeCloseTo(report.candidate.metrics.ndcg / report.baseline.metrics.ndcg, 3);
      expect(checks.some((c) => c.id === 'catalog-safety')).toBe(true);

      const stored = (await call(h, 'GET', `/v1/admin/models/${candidate}/gates`, h.staff.auditor)).json();
      expect(stored.gates.map((g: { id: string }) => g.id)).toEqual([report.id]);
      const audited = await h.t.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'models.gate')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audited.detail)).toMatchObject({ passed: false, failed: ['coverage'] });

      const refused = expectProblem(await signoff(h.staff.analyst, 'analyst'), 409, 'id');
      expect(refused.type).toContain('gate-failed');
      const blocked = expectProblem(await promote(), 409, 'id');
      expect(blocked.type).toContain('promotion-blocked');
      expect(blocked.detail).toContain('coverage');
      expect(blocked.detail).toContain('missing sign-off by: analyst, auditor');
      expect(h.built.context.serving.aliases().production).toBe(production);
    }, 60_000);

    it('passes under a policy it meets, after refusing sign-off on the report of the earlier policy', async () => {
      h.built.context.livePolicy.swap(parseServingPolicy(policyWith(0)));
      const stale = expectProblem(await signoff(h.staff.analyst, 'analyst'), 409, 'id');
      expect(stale.type).toContain('gate-outdated');
      const run = await gate();
      expect(run.statusCode, run.body).toBe(200);
      expect(run.json()).toMatchObject({
        passed: true,
        failures: [],
        requiredSignoffs: ['analyst', 'auditor'],
      });
      expect((run.json().checks as Check[]).every((c) => c.passed)).toBe(true);
    }, 60_000);

    it('takes one sign-off per required role, each by a different person who holds it', async () => {
      expectProblem(await signoff(h.staff.analyst, 'auditor'), 403, 'role');
      expectProblem(await signoff(h.staff.admin, 'admin'), 422, 'role');
      expectProblem(await signoff(h.staff.curator, 'analyst'), 403);
      expectProblem(await signoff(h.service, 'analyst'), 403);
      expectProblem(await call(h, 'POST', `/v1/admin/models/${candidate}/signoffs`, both, {}), 400, 'role');

      expect((await signoff(both, 'analyst')).statusCode).toBe(201);
      const twice = expectProblem(await signoff(both, 'auditor'), 409, 'role');
      expect(twice.detail).toContain('different person');
      const taken = expectProblem(await signoff(h.staff.analyst, 'analyst'), 409, 'role');
      expect(taken.detail).toContain('analyst sign-off already');

      const blocked = expectProblem(await promote(), 409, 'id');
      expect(blocked.detail).toContain('missing sign-off by: auditor');
      expect(blocked.detail).not.toContain('analyst');

      const audited = await countRows(h, 'audit_log', ['action', 'models.signoff']);
      expect((await signoff(h.staff.auditor, 'auditor')).statusCode).toBe(201);
      expect(await countRows(h, 'audit_log', ['action', 'models.signoff'])).toBe(audited + 1);
      const details = (await call(h, 'GET', `/v1/admin/models/${candidate}`, h.staff.curator)).json();
      expect(details.signoffs.map((s: { role: string }) => s.role).sort()).toEqual(['analyst', 'auditor']);
      expect(details.promotion).toMatchObject({ ready: true, blockers: [], enforced: true });
    });

    it('promotes once signed off, serves the new version, and refuses to set production directly', async () => {
      expectProblem(await promote(h.staff.analyst), 403);
      const gateId = (await call(h, 'GET', `/v1/admin/models/${candidate}`, h.staff.admin)).json().gate.id;
      const promoted = await promote();
      expect(promoted.statusCode, promoted.body).toBe(200);
      expect(promoted.json()).toEqual({ production: candidate, previous: production, gateId });
      expect(await servedModel()).toBe(candidate);
      const [latest] = (
        await call(h, 'GET', '/v1/admin/models/aliases/history?alias=production', h.staff.admin)
      ).json().events;
      expect(latest).toMatchObject({
        action: 'promote',
        modelId: candidate,
        previousId: production,
        gateId,
        actor: `account:${h.staff.admin.accountId}`,
        reason: 'better lists',
      });
      const direct = expectProblem(
        await call(h, 'PUT', '/v1/admin/models/production', h.staff.admin, { modelId: production }),
        409,
      );
      expect(direct.type).toContain('promotion-gate-required');
      expect(await servedModel()).toBe(candidate);
    });

    it('rolls back in one call to the version before, and refuses when there is none', async () => {
      expectProblem(await call(h, 'POST', '/v1/admin/models/rollback', h.staff.admin, {}), 400, 'reason');
      const back = await call(h, 'POST', '/v1/admin/models/rollback', h.staff.admin, {
        reason: 'complaints',
      });
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json()).toMatchObject({ production, previous: candidate });
      expect(await servedModel()).toBe(production);
      const [latest] = (await call(h, 'GET', '/v1/admin/models/aliases/history', h.staff.admin)).json()
        .events;
      expect(latest).toMatchObject({ alias: 'production', action: 'rollback', modelId: production });
      expect(await countRows(h, 'audit_log', ['action', 'models.rollback'])).toBe(1);
      // Back at the first production version: nothing came before it.
      const none = expectProblem(
        await call(h, 'POST', '/v1/admin/models/rollback', h.staff.admin, { reason: 'again' }),
        409,
      );
      expect(none.type).toContain('no-rollback-target');
    });

    it('writes a model card with the Mitchell et al. sections, as JSON and Markdown', async () => {
      const card = (await call(h, 'GET', `/v1/admin/models/${candidate}/card`, h.staff.auditor)).json();
      for (const section of [
        'modelDetails',
        'intendedUse',
        'outOfScopeUses',
        'factors',
        'metrics',
        'evaluationData',
        'trainingData',
        'ethicalConsiderations',
        'caveatsAndRecommendations',
      ])
        expect(card, section).toHaveProperty(section);
      expect(card.metrics.measured).toBe(true);
      expect(card.metrics.checks.find((c: Check) => c.id === 'coverage').threshold).toBe(0);
      expect(card.trainingData.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
      expect(card.governance.signoffs.map((s: { role: string }) => s.role).sort()).toEqual([
        'analyst',
        'auditor',
      ]);
      for (const group of card.metrics.variationAcrossGroups.flatMap((f: { groups: unknown[] }) => f.groups))
        expect((group as { n: number }).n).toBeGreaterThanOrEqual(5);

      const md = await call(h, 'GET', `/v1/admin/models/${candidate}/card?format=md`, h.staff.auditor);
      expect(md.headers['content-type']).toContain('text/markdown');
      for (const heading of [
        '## Model details',
        '## Intended use',
        '## Out-of-scope use',
        '## Factors',
        '## Metrics',
        '## Evaluation data',
        '## Training data',
        '## Ethical considerations',
        '## Caveats and recommendations',
      ])
        expect(md.body).toContain(heading);

      // A version never gated says so rather than showing numbers.
      const ungated = (await call(h, 'GET', `/v1/admin/models/${production}/card`, h.staff.auditor)).json();
      expect(ungated.metrics).toMatchObject({ measured: false, checks: [] });
      expect(ungated.caveatsAndRecommendations[0]).toContain('No gate report yet');
      expectProblem(
        await call(h, 'GET', '/v1/admin/models/01900000-0000-7000-8000-000000000000/card', h.staff.auditor),
        404,
        'id',
      );
    });

    it("records an erasure's unlearning in the history, and will not roll back to a retired version", async () => {
      // The same gate report and sign-offs still hold: production is again the version it compared with.
      expect((await promote()).statusCode).toBe(200);
      const erased = await call(h, 'DELETE', '/v1/me?confirm=true', h.viewer);
      expect(erased.statusCode, erased.body).toBe(200);
      const aliases = h.built.context.serving.aliases();
      expect(aliases.production).not.toBe(candidate);
      const events = (await call(h, 'GET', '/v1/admin/models/aliases/history', h.staff.admin)).json()
        .events as {
        alias: string;
        action: string;
        modelId: string;
        previousId: string;
        actor: string;
      }[];
      const unlearned = events.filter((e) => e.action === 'unlearn');
      expect(unlearned.map((e) => e.alias).sort()).toEqual(['candidate', 'production']);
      expect(unlearned.find((e) => e.alias === 'production')).toMatchObject({
        modelId: aliases.production,
        previousId: candidate,
        actor: 'system:erasure',
      });
      // The version before (the first production) held the erased viewer's data: its weights are gone.
      const refused = expectProblem(
        await call(h, 'POST', '/v1/admin/models/rollback', h.staff.admin, { reason: 'after erasure' }),
        409,
      );
      expect(refused.type).toContain('rollback-target-retired');
      expect(refused.detail).toContain(production);
      expect(h.built.context.serving.aliases().production).toBe(aliases.production);
    }, 60_000);
  },
);
