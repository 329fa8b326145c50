import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainModel } from '../../src/models/train-model.js';
import { QuarantineRepository } from '../../src/redteam/quarantine/quarantine-repository.js';
import type { SafetyReason } from '../../src/safety/gateway/decide.js';
import type { Caller } from '../support/api-harness.js';
import {
  BROWSER_POLICY,
  type BrowserHarness,
  browserHarness,
  expectAccessible,
  screenshot,
} from './support/browser-harness.js';

/** Marks recharts draws for data: bar rectangles, line paths and dots, scatter symbols. */
const DATA_MARKS =
  '.recharts-bar-rectangle path, .recharts-line-curve, .recharts-line-dot, .recharts-scatter-symbol';

const HELD_BACK: SafetyReason[] = [
  { kind: 'harm', type: 'violence', action: 'block', message: 'Violent content', severity: 6 },
];

describe('the responsible-AI dashboard in Chromium', () => {
  let b: BrowserHarness;
  let candidateId: string;
  let heldItems: string[];
  let quarantinedSubjects: string[];

  const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, who: Caller, payload?: object) => {
    const response = await b.api.built.app.inject({
      method,
      url,
      headers: who.headers,
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };

  /** Opens a dashboard path and waits for its one h1. */
  const open = async (page: Page, path: string, title: string) => {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
  };

  /** Waits until a chart (by its figure's test id) has drawn marks for data, and returns them. */
  const dataMarks = async (figure: Locator) => {
    const marks = figure.locator(DATA_MARKS);
    await expect.poll(() => marks.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    return marks;
  };

  beforeAll(async () => {
    b = await browserHarness();
    const { viewer, staff } = b.api;
    // Traffic: viewing events, lists served (decision records, served exposure) and searches
    // (safety decisions), so monitoring and the safety figures have something to show.
    const items = await b.api.t.store.db.selectFrom('items').select('id').orderBy('key').limit(30).execute();
    await inject('POST', '/v1/events', viewer, {
      events: items
        .slice(0, 6)
        .map((item, at) => ({ idempotencyKey: `dashboard-${at}-view`, itemId: item.id, kind: 'view' })),
    });
    for (const surface of ['home', 'search', 'home']) {
      await inject('GET', `/v1/recommendations?surface=${surface}&limit=10`, viewer);
    }
    for (const query of ['space', 'write to jane.doe@example.com about space']) {
      await inject('GET', `/v1/items?query=${encodeURIComponent(query)}`, viewer);
    }
    // The synthetic events are months old: a year's window compares them with the training snapshot.
    await inject('POST', '/v1/admin/monitoring/drift', staff.admin, { windowDays: 365 });
    candidateId = (
      await trainModel(b.api.t.store, b.api.t.dataDir, { algorithm: 'ease', alias: 'candidate' })
    ).manifest.id;
    heldItems = items.slice(-2).map((item) => item.id);
    for (const id of heldItems) await b.api.built.context.safetyQueue.hold('item', id, HELD_BACK);
    // Two synthetic viewers as the shilling detector would quarantine them (the evidence is its shape).
    const subjects = await b.api.t.store.db
      .selectFrom('subjects')
      .select('id')
      .orderBy('key', 'desc')
      .limit(2)
      .execute();
    quarantinedSubjects = subjects.map((s) => s.id);
    await new QuarantineRepository(b.api.t.store.db).add(
      quarantinedSubjects.map((subjectId, at) => ({
        subjectId,
        score: 0.8 + at / 10,
        evidence: {
          features: {
            rdma: { value: 1.9, z: 4.2 + at, votes: true },
            degsim: { value: 0.7, z: 3.4, votes: true },
            popularity: { value: 0.1, z: 0.4, votes: false },
          },
          threshold: 3,
          quorum: 0.6,
        },
        detectorVersion: 'test',
        dataSeq: 1,
      })),
    );
  }, 180_000);

  afterAll(async () => {
    await b?.close();
  });

  it('keeps a viewer out: "Not for this account" and no dashboard navigation', async () => {
    const { page, context } = await b.signedIn('viewer-one');
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Not for this account' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Dashboard sections' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    await expectAccessible(page, 'dashboard for a viewer');
    await screenshot(page, 'dashboard-viewer-refused');
    await context.close();
  });

  it('lets an analyst open every page, each with its charts drawn from data', async () => {
    const { page, context } = await b.signedIn('staff-analyst');
    await page.waitForURL('**/dashboard');
    const nav = page.getByRole('navigation', { name: 'Dashboard sections' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Fairness',
      'Exposure',
      'Errors',
      'Models',
      'Audit log',
      'Monitoring',
      'Safety',
      'Privacy',
      'Scorecard',
    ]);

    // Overview (how fast it appears is measured by `npm run bench -- web`, not asserted here).
    await open(page, '/dashboard', 'Overview');
    await dataMarks(page.getByTestId('events-by-kind'));
    await expectAccessible(page, 'overview');
    await screenshot(page, 'dashboard-overview');

    // Fairness: nothing until an audit runs; the button runs one and the page follows it to the end.
    await nav.getByRole('link', { name: 'Fairness' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fairness' }).waitFor();
    await page.getByRole('button', { name: 'Run a new audit' }).click();
    await expect
      .poll(() => page.getByTestId('audit-shown').textContent(), { timeout: 60_000 })
      .toMatch(/^Showing the audit finished/);
    const frame = page.getByTestId('fairness-gender');
    await dataMarks(frame);
    expect(await frame.locator('.recharts-errorBar').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('fairness-comparison').locator('tbody tr').count()).toBeGreaterThan(1);
    const tradeoff = page.getByTestId('tradeoff-chart');
    // The model order, seven rerankers and the policy as served.
    expect(await (await dataMarks(tradeoff)).count()).toBe(9);
    // The groupings are tabs: arrow keys move between them.
    await page.getByRole('tab', { name: 'Gender', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { name: 'Age band', exact: true }).getAttribute('aria-selected'))
      .toBe('true');
    await dataMarks(page.getByTestId('fairness-ageBand'));
    await page.getByRole('tab', { name: 'Activity (training interactions)' }).click();
    await dataMarks(page.getByTestId('fairness-activity'));
    await expectAccessible(page, 'fairness');
    await screenshot(page, 'dashboard-fairness');

    await open(page, '/dashboard/exposure', 'Exposure');
    for (const chart of ['exposure-creatorGroup', 'exposure-popularity', 'audit-trend', 'served-exposure']) {
      await dataMarks(page.getByTestId(chart));
    }
    await expectAccessible(page, 'exposure');
    await screenshot(page, 'dashboard-exposure');

    await open(page, '/dashboard/errors', 'Error analysis');
    expect(await page.getByTestId('cohort-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await dataMarks(page.getByTestId('error-cohorts'));
    await expectAccessible(page, 'errors');
    await screenshot(page, 'dashboard-errors');

    await open(page, '/dashboard/models', 'Models');
    expect(await page.getByTestId('model-registry').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('model-detail').getByRole('heading', { name: 'Lineage' }).waitFor();
    // An analyst may sign off (once a gate report passes) but not run the gate, promote or roll back.
    for (const name of ['Run gate', 'Promote to production', 'Roll back']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    await page.getByText('Model card', { exact: true }).click();
    await expect.poll(() => page.getByTestId('model-card').textContent()).toMatch(/^# Model card: ease/);
    expect(await page.getByTestId('model-card').textContent()).toContain('## Intended use');
    await expectAccessible(page, 'models');
    await screenshot(page, 'dashboard-models');

    await open(page, '/dashboard/audit-log', 'Audit log');
    await expect.poll(() => page.getByTestId('not-for-role').textContent()).toContain('audit:read');
    await expectAccessible(page, 'audit log for an analyst');
    await screenshot(page, 'dashboard-audit-log-analyst');

    await open(page, '/dashboard/monitoring', 'Monitoring');
    await dataMarks(page.getByTestId('drift-psi'));
    await dataMarks(page.getByTestId('drift-js'));
    await dataMarks(page.getByTestId('drift-bins-genre_mix'));
    await page.getByRole('button', { name: 'Run drift check now' }).waitFor();
    await expectAccessible(page, 'monitoring');
    await screenshot(page, 'dashboard-monitoring');

    await open(page, '/dashboard/safety', 'Safety');
    await dataMarks(page.getByTestId('safety-decisions'));
    // An analyst reads neither queue: each part says which permission it needs.
    await expect
      .poll(() => page.getByTestId('not-for-role').allTextContents())
      .toEqual([expect.stringContaining('curator queue'), expect.stringContaining('quarantined profiles')]);
    await expectAccessible(page, 'safety');
    await screenshot(page, 'dashboard-safety');

    await open(page, '/dashboard/privacy', 'Privacy');
    await dataMarks(page.getByTestId('consent-rates'));
    await dataMarks(page.getByTestId('dp-budget'));
    await expectAccessible(page, 'privacy');
    await screenshot(page, 'dashboard-privacy');

    await open(page, '/dashboard/scorecard', 'Scorecard');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Download scorecard (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^candor-scorecard-.*\.pdf$/);
    const pdf = await download.createReadStream();
    const head = await new Promise<string>((resolve) =>
      pdf.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1', 0, 5))),
    );
    expect(head).toBe('%PDF-');
    await expectAccessible(page, 'scorecard');
    await screenshot(page, 'dashboard-scorecard');
    await context.close();
  }, 180_000);

  it('offers each role the promotion steps it holds: gate, promote and roll back (admin), sign-offs (auditor, analyst)', async () => {
    const models = (who: string) =>
      b.signedIn(who).then(async (signed) => {
        await open(signed.page, `/dashboard/models/${candidateId}`, 'Models');
        await signed.page.getByTestId('promotion-status').waitFor();
        return signed;
      });

    const admin = await models('staff-admin');
    // The policy asks analysts and auditors to sign off: an admin has no sign-off to give.
    expect(await admin.page.getByRole('button', { name: /^Sign off as/ }).count()).toBe(0);
    expect(await admin.page.getByRole('button', { name: 'Promote to production' }).isDisabled()).toBe(true);
    await admin.page.getByRole('button', { name: 'Roll back' }).waitFor();
    // Under the default thresholds the candidate fails on this small catalog: its creator exposure
    // ratio is under 0.8 (and the items held for the curator may count as unsafe exposure). The page
    // says which checks failed and keeps promotion closed.
    const gateSummary = admin.page.getByTestId('gate-summary');
    await admin.page.getByRole('button', { name: 'Run gate' }).click();
    await expect.poll(() => gateSummary.textContent(), { timeout: 60_000 }).toMatch(/^Gate failed/);
    const failed = await admin.page
      .getByTestId('gate-checks')
      .getByRole('row')
      .filter({ hasText: 'Failed' })
      .allTextContents();
    expect(failed.some((row) => row.includes("under-represented creators' share of exposure"))).toBe(true);
    for (const row of failed) expect(row).toMatch(/share of exposure|held back as unsafe/);
    expect(await admin.page.getByRole('button', { name: 'Promote to production' }).isDisabled()).toBe(true);
    await screenshot(admin.page, 'dashboard-models-gate-failed');
    // The admin sets thresholds for this 120-item catalog (with a note, as an operator would) and
    // gates again.
    await inject('PUT', '/v1/admin/policy', b.api.staff.admin, {
      policy: {
        ...BROWSER_POLICY,
        promotion: { thresholds: { minExposureRatio: 0.7, maxUnsafeShare: 0.05 } },
      },
      note: 'thresholds for a 120-item test catalog',
    });
    await admin.page.getByRole('button', { name: 'Run gate' }).click();
    await expect.poll(() => gateSummary.textContent(), { timeout: 60_000 }).toMatch(/^Gate passed/);
    expect(await admin.page.getByTestId('gate-checks').locator('tbody tr').count()).toBeGreaterThan(3);
    await expectAccessible(admin.page, 'models for an admin');
    await screenshot(admin.page, 'dashboard-models-gate');

    for (const role of ['auditor', 'analyst'] as const) {
      const { page, context } = await models(`staff-${role}`);
      for (const name of ['Run gate', 'Promote to production'])
        expect(await page.getByRole('button', { name }).count()).toBe(0);
      const other = role === 'auditor' ? 'analyst' : 'auditor';
      expect(await page.getByRole('button', { name: `Sign off as ${other}` }).count()).toBe(0);
      await page.getByLabel('Sign-off comment (optional)').fill(`checked by the ${role}`);
      await page.getByRole('button', { name: `Sign off as ${role}` }).click();
      const signoffs = page.getByTestId('signoffs');
      await expect
        .poll(() => signoffs.getByRole('listitem').filter({ hasText: role }).textContent())
        .toMatch(new RegExp(`^${role}: signed .*checked by the ${role}`));
      await expect.poll(() => page.getByRole('button', { name: `Sign off as ${role}` }).count()).toBe(0);
      await expectAccessible(page, `models for the ${role}`);
      await screenshot(page, `dashboard-models-signed-${role}`);
      await context.close();
    }

    await admin.page.reload();
    const promote = admin.page.getByRole('button', { name: 'Promote to production' });
    await expect.poll(() => promote.isEnabled()).toBe(true);
    await promote.click();
    const row = admin.page
      .getByTestId('model-registry')
      .getByRole('row')
      .filter({ has: admin.page.locator(`a[href$="${candidateId}"]`) });
    await expect.poll(() => row.textContent()).toContain('production');
    const served = await inject('GET', '/v1/recommendations?surface=home&limit=5', b.api.viewer);
    expect(served.lineage.modelId).toBe(candidateId);

    // And back: a rollback needs a reason and returns production to the version before.
    await admin.page.getByLabel('Reason for rolling back production').fill('checking the way back');
    await admin.page.getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => row.textContent()).not.toContain('production');
    const after = await inject('GET', '/v1/recommendations?surface=home&limit=5', b.api.viewer);
    expect(after.lineage.modelId).not.toBe(candidateId);
    await expectAccessible(admin.page, 'models after a rollback');
    await admin.context.close();
  }, 180_000);

  it('shows an auditor the verified chain and finds a decision record served earlier', async () => {
    const served = await inject('GET', '/v1/recommendations?surface=home&limit=5', b.api.viewer);
    // Each read of the summary is audited: enough entries for a second page of the log.
    for (let read = 0; read < 30; read += 1)
      await inject('GET', '/v1/analytics/summary', b.api.staff.analyst);
    const { page, context } = await b.signedIn('staff-auditor');
    await open(page, '/dashboard/audit-log', 'Audit log');
    await expect
      .poll(() => page.getByTestId('chain-status').textContent())
      .toMatch(/^✓ Chain verified \d+ entries/);
    const log = page.getByTestId('audit-log');
    await expect.poll(() => log.locator('tbody tr').count()).toBe(25);
    const newest = Number(await log.locator('tbody tr td').first().textContent());
    await page.getByRole('button', { name: 'Older entries' }).click();
    await expect
      .poll(async () => Number(await log.locator('tbody tr td').first().textContent()))
      .toBe(newest - 25);

    await page.getByLabel('Decision record id').fill(served.decisionId);
    await page.getByRole('button', { name: 'Find' }).click();
    const record = page.getByTestId('decision-record');
    await record.waitFor();
    expect(await record.textContent()).toContain(served.decisionId);
    expect(await record.locator('tbody tr').count()).toBe(served.items.length);
    await expectAccessible(page, 'audit log');
    await screenshot(page, 'dashboard-audit-log');

    await page.getByLabel('Decision record id').fill('not-an-id');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByText('That is not a record id').count()).toBe(1);
    await context.close();
  }, 60_000);

  it('lets a curator approve and reject held items from the queue', async () => {
    const { page, context } = await b.signedIn('staff-curator');
    await open(page, '/dashboard/safety', 'Safety');
    const queue = page.getByTestId('curator-queue');
    await expect.poll(() => queue.locator('tbody tr').count()).toBe(2);
    // A curator reads no monitoring figures: the statistics say so instead of failing.
    await expect.poll(() => page.getByTestId('not-for-role').textContent()).toContain('safety statistics');
    await expectAccessible(page, 'safety for a curator');
    await screenshot(page, 'dashboard-safety-curator');

    const [approved, rejected] = heldItems as [string, string];
    await page.getByRole('button', { name: `Approve item ${approved}` }).click();
    await expect.poll(() => queue.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: `Reject item ${rejected}` }).click();
    await page.getByTestId('queue-empty').waitFor();
    const entries = (await inject('GET', '/v1/safety/queue', b.api.staff.curator)).entries as {
      targetId: string;
      status: string;
    }[];
    expect(Object.fromEntries(entries.map((e) => [e.targetId, e.status]))).toEqual({
      [approved]: 'approved',
      [rejected]: 'rejected',
    });
    await context.close();
  }, 60_000);

  it('shows an auditor the quarantined profiles with their evidence, and lets a curator release or confirm them', async () => {
    const listed = (await inject('GET', '/v1/safety/quarantine', b.api.staff.curator)).entries as {
      id: string;
      subject: string;
    }[];
    expect(listed).toHaveLength(2);
    const [released, confirmed] = listed.map((entry) => entry.subject) as [string, string];

    const auditor = await b.signedIn('staff-auditor');
    await open(auditor.page, '/dashboard/safety', 'Safety');
    const seen = auditor.page.getByTestId('quarantine-queue');
    await expect.poll(() => seen.locator('tbody tr').count()).toBe(2);
    // Pseudonyms and the features that voted, strongest first; the one that did not vote is left out.
    expect(await seen.textContent()).toContain(released);
    expect(await seen.locator('tbody tr').first().textContent()).toMatch(/rdma \d\.\dσ, degsim 3\.4σ/);
    expect(await seen.textContent()).not.toContain('popularity');
    for (const id of quarantinedSubjects) expect(await seen.textContent()).not.toContain(id);
    // An auditor may read, not decide.
    expect(await auditor.page.getByRole('button', { name: /^Release profile/ }).count()).toBe(0);
    expect(await seen.textContent()).toContain('waiting for a curator');
    await expectAccessible(auditor.page, 'quarantined profiles for an auditor');
    await auditor.context.close();

    const { page, context } = await b.signedIn('staff-curator');
    await open(page, '/dashboard/safety', 'Safety');
    const queue = page.getByTestId('quarantine-queue');
    await expect.poll(() => queue.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'dashboard-quarantine-curator');
    await page.getByRole('button', { name: `Release profile ${released}` }).click();
    await expect.poll(() => queue.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: `Confirm fake: profile ${confirmed}` }).click();
    await page.getByTestId('quarantine-empty').waitFor();
    const decided = (await inject('GET', '/v1/safety/quarantine', b.api.staff.curator)).entries as {
      subject: string;
      status: string;
      reviewedBy: string | null;
    }[];
    expect(Object.fromEntries(decided.map((e) => [e.subject, e.status]))).toEqual({
      [released]: 'released',
      [confirmed]: 'confirmed',
    });
    expect(decided.every((e) => e.reviewedBy !== null)).toBe(true);
    // The decided ones are one choice away.
    await page.getByLabel('Show profiles').selectOption('confirmed');
    await expect.poll(() => queue.locator('tbody tr').count()).toBe(1);
    expect(await queue.textContent()).toContain(confirmed);
    await context.close();
  }, 60_000);
});
