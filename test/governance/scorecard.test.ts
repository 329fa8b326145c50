import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherScorecard, ScorecardModelError } from '../../src/governance/scorecard/gather-scorecard.js';
import { renderScorecardPdf } from '../../src/governance/scorecard/render-pdf.js';
import type { ScorecardData } from '../../src/governance/scorecard/scorecard-data.js';
import { privacyFigures } from '../../src/governance/scorecard/privacy-figures.js';
import { readAliases } from '../../src/models/model-artifact.js';
import { ConsentRepository } from '../../src/privacy/consent/consent-repository.js';
import { consentPurposes } from '../../src/privacy/consent/purposes.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { insertControlFigures, insertGate, pageInk, pdfToText } from './scorecard-fixtures.js';

// Thresholds unlike the defaults (0.8, 0.8): the PDF must show the policy it was made under.
const FAIRNESS_TARGET = 0.73;
const EXPOSURE_TARGET = 0.61;

let h: ApiHarness;
let production: string;
let data: ScorecardData;
let pdf: Buffer;
let privacyBefore: ScorecardData['privacy'];

beforeAll(async () => {
  h = await apiHarness({
    policy: {
      promotion: {
        thresholds: { minGroupFairnessRatio: FAIRNESS_TARGET, minExposureRatio: EXPOSURE_TARGET },
      },
    },
  });
  production = readAliases(h.t.dataDir).production as string;
  const db = h.t.store.db;
  await insertGate(db, production, [
    { role: 'analyst', accountId: h.staff.analyst.accountId as string },
    { role: 'auditor', accountId: h.staff.auditor.accountId as string },
  ]);
  const purposes = consentPurposes().list;
  const limits = h.built.context.policy.policy.privacy.dpBudget;
  privacyBefore = await privacyFigures(db, purposes, limits);
  const [consenting] = await new ConsentRepository(db).grantedSubjects('analytics');
  await insertControlFigures(db, consenting as string);
  await h.built.context.safety.inspect('where can I watch the space documentary', 'search', {
    actor: 'test',
  });
  data = await gatherScorecard(
    { store: h.t.store, dataDir: h.t.dataDir, policy: h.built.context.policy },
    { resamples: 200, minGroupSize: 5 },
  );
  pdf = await renderScorecardPdf(data);
});

afterAll(async () => {
  await h?.close();
});

describe('responsible-AI scorecard', () => {
  it('describes the production model with the gate, sign-offs and the policy targets', () => {
    expect(data.model.id).toBe(production);
    expect(data.model.aliases).toContain('production');
    expect(data.gate?.passed).toBe(true);
    expect(data.signoffs.map((s) => [s.role, s.username])).toEqual([
      ['analyst', 'staff-analyst'],
      ['auditor', 'staff-auditor'],
    ]);
    expect(data.targets.find((t) => t.id === 'signoffs')).toMatchObject({ status: 'meets', value: 2 });
    // The gate skipped the comparison with production: the scorecard says so rather than guessing.
    expect(data.targets.find((t) => t.id === 'accuracy-relative')?.status).toBe('not-measured');
    const fairness = data.targets.filter((t) => t.id.startsWith('group-fairness:'));
    expect(fairness.length).toBeGreaterThan(0);
    for (const target of fairness) expect(target.threshold).toBe(FAIRNESS_TARGET);
  });

  it('counts the privacy and safety figures from their tables', () => {
    const granted = (figures: ScorecardData['privacy'], purpose: string) =>
      figures.consent.find((c) => c.purpose === purpose)?.granted as number;
    // One consenting viewer withdrew analytics consent; nothing else changed.
    expect(granted(privacyBefore, 'analytics')).toBeGreaterThan(1);
    expect(granted(data.privacy, 'analytics')).toBe(granted(privacyBefore, 'analytics') - 1);
    expect(granted(data.privacy, 'model_training')).toBe(granted(privacyBefore, 'model_training'));
    const analytics = data.privacy.consent.find((c) => c.purpose === 'analytics');
    expect(analytics?.rate).toBeCloseTo((analytics?.granted as number) / data.privacy.subjects, 10);
    expect(privacyBefore.erasures).toBe(0);
    expect(data.privacy.erasures).toBe(1);
    expect(privacyBefore.dpBudget).toEqual([]);
    expect(data.privacy.dpBudget).toEqual([
      expect.objectContaining({ dataset: 'viewing', analysts: 1, queries: 1, maxEpsilonSpent: 2.5 }),
    ]);
    expect(data.safety.decisions).toContainEqual({ surface: 'search', action: 'allow', count: 1 });
    expect(data.safety.queue).toEqual({ pending: 1, approved: 0, rejected: 0 });
    expect(data.alerts.total).toBe(1);
  });

  it('renders at least three pages, none of them blank', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const ink = pageInk(pdf);
    expect(ink.length).toBeGreaterThanOrEqual(3);
    // A page holding only its footer and a line or two inks well under 2% of its pixels at this size.
    for (const share of ink) expect(share).toBeGreaterThan(0.02);
  });

  it('says in words what a stakeholder needs: the model, fairness against the targets, the sign-offs', () => {
    const text = pdfToText(pdf);
    expect(text).toContain(production);
    expect(text).toContain('Summary against targets');
    expect(text).toContain('Group fairness');
    expect(text).toContain(`at least ${FAIRNESS_TARGET}`);
    expect(text).toContain(`at least ${EXPOSURE_TARGET}`);
    expect(text).toContain('Sign-offs');
    expect(text).toMatch(/analyst\s+staff-analyst/);
    expect(text).toMatch(/auditor\s+staff-auditor/);
    expect(text).toContain('Privacy');
    expect(text).toContain('Safety');
    expect(text).toContain('Where the model does worst and best');
  });

  it('produces the same bytes for the same figures', async () => {
    expect((await renderScorecardPdf(data)).equals(pdf)).toBe(true);
  });

  it('refuses a version that does not exist', async () => {
    await expect(
      gatherScorecard(
        { store: h.t.store, dataDir: h.t.dataDir, policy: h.built.context.policy },
        { modelId: '01900000-0000-7000-8000-000000000000' },
      ),
    ).rejects.toBeInstanceOf(ScorecardModelError);
  });

  it('serves the PDF to an auditor, audited, and refuses a viewer', async () => {
    const app = h.built.app;
    const response = await app.inject({ url: '/v1/admin/scorecard', headers: h.staff.auditor.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`candor-scorecard-${production}.pdf`);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const logged = await h.t.store.db
      .selectFrom('audit_log')
      .select(['actor', 'target'])
      .where('action', '=', 'scorecard.generate')
      .execute();
    expect(logged).toEqual([{ actor: `account:${h.staff.auditor.accountId}`, target: production }]);

    const byId = await app.inject({
      url: `/v1/admin/models/${production}/scorecard`,
      headers: h.staff.analyst.headers,
    });
    expect(byId.statusCode).toBe(200);

    const viewer = await app.inject({ url: '/v1/admin/scorecard', headers: h.viewer.headers });
    expect(viewer.statusCode).toBe(403);
  });

  it('answers 404 problem+json naming the field for an unknown version', async () => {
    const response = await h.built.app.inject({
      url: '/v1/admin/models/01900000-0000-7000-8000-000000000000/scorecard',
      headers: h.staff.auditor.headers,
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field: 'id' });
    const malformed = await h.built.app.inject({
      url: '/v1/admin/models/not-a-version/scorecard',
      headers: h.staff.auditor.headers,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'id' });
  });
});
