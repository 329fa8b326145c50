import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServingPolicy } from '../../src/config/serving-policy.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { call } from './api-helpers.js';

interface Notice {
  policyVersion: string;
  consentTextVersion: string;
  purposes: { id: string; title: string; description: string }[];
  categories: {
    id: string;
    name: string;
    what: string;
    why: string;
    purposes: string[];
    retention: { days: number | null; text: string };
  }[];
}

const POLICY = {
  privacy: {
    retention: { rawEventsDays: 400, feedbackDays: 300, freeTextDays: 90, decisionRecordsDays: 200 },
    consentPurposes: [
      { id: 'newsletter', title: 'Our newsletter', description: 'We email you new titles once a month.' },
    ],
  },
};

describe('GET /v1/transparency/privacy-notice', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await apiHarness({ policy: POLICY });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const notice = async (who: Parameters<typeof call>[3] = h.viewer): Promise<Notice> => {
    const response = await call(h, 'GET', '/v1/transparency/privacy-notice', who);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Notice;
  };
  const retentionOf = (body: Notice, id: string) => body.categories.find((c) => c.id === id)?.retention;

  it('quotes the retention limits of the policy in force, in days and in words', async () => {
    const body = await notice();
    expect(body.policyVersion).toBe(h.built.context.policy.version);
    expect(retentionOf(body, 'viewing')).toEqual({ days: 400, text: expect.stringContaining('400 days') });
    expect(retentionOf(body, 'feedback')?.days).toBe(300);
    expect(retentionOf(body, 'feedback-reasons')).toEqual({
      days: 90,
      text: expect.stringContaining('blanked'),
    });
    expect(retentionOf(body, 'served-lists')?.days).toBe(200);
    // Not in the policy: the schema's default.
    expect(retentionOf(body, 'sessions')?.days).toBe(30);
    expect(retentionOf(body, 'account')?.days).toBeNull();
    expect(retentionOf(body, 'searches')?.days).toBe(0);
  });

  it('lists every consent purpose in the wording the consent route shows, and links categories to them', async () => {
    const body = await notice();
    const consents = (await call(h, 'GET', '/v1/me/consents', h.viewer)).json() as {
      textVersion: string;
      purposes: { id: string; title: string; description: string }[];
    };
    expect(body.consentTextVersion).toBe(consents.textVersion);
    expect(body.purposes).toEqual(
      consents.purposes.map(({ id, title, description }) => ({ id, title, description })),
    );
    expect(body.purposes.map((p) => p.id)).toContain('newsletter');
    const known = new Set(body.purposes.map((p) => p.id));
    for (const category of body.categories) {
      expect(category.what.length, category.id).toBeGreaterThan(0);
      expect(category.why.length, category.id).toBeGreaterThan(0);
      for (const purpose of category.purposes) expect(known.has(purpose), purpose).toBe(true);
    }
    expect(body.categories.find((c) => c.id === 'viewing')?.purposes).toContain('personalization');
  });

  it('follows a policy change at once', async () => {
    const context = h.built.context;
    const before = context.policy;
    context.livePolicy.swap(parseServingPolicy({ privacy: { retention: { rawEventsDays: 30 } } }));
    try {
      const body = await notice();
      expect(body.policyVersion).not.toBe(before.version);
      expect(retentionOf(body, 'viewing')?.days).toBe(30);
      expect(body.purposes.map((p) => p.id)).not.toContain('newsletter');
    } finally {
      context.livePolicy.swap(before);
    }
  });

  it('answers any signed-in caller, and nobody else', async () => {
    for (const who of [h.otherViewer, h.staff.auditor, h.staff.admin]) {
      expect((await notice(who)).categories.length).toBeGreaterThan(5);
    }
    const anonymous = await h.built.app.inject({ method: 'GET', url: '/v1/transparency/privacy-notice' });
    expect(anonymous.statusCode).toBe(401);
  });
});
