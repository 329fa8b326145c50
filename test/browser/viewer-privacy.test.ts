import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.js';
import {
  type BrowserHarness,
  browserHarness,
  expectAccessible,
  screenshot,
  signIn,
} from './support/browser-harness.js';

const LEAVING = 'viewer-leaving';

describe('the privacy center in Chromium', () => {
  let b: BrowserHarness;
  let subjectId: string;
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    b = await browserHarness();
    // An adult viewer with a history, apart from the harness's two: this one is deleted at the end.
    const db = b.api.t.store.db;
    const subject = await db
      .selectFrom('subjects')
      .innerJoin('interactions', 'interactions.subject_key', 'subjects.key')
      .select(['subjects.id'])
      .where('subjects.profile_kind', '=', 'adult')
      .where('subjects.id', 'not in', [b.api.viewer.subjectId, b.api.otherViewer.subjectId])
      .groupBy('subjects.id')
      .having((eb) => eb.fn.countAll(), '>=', 5)
      .orderBy('subjects.id')
      .executeTakeFirstOrThrow();
    subjectId = subject.id;
    await b.api.built.context.auth.createAccount({
      username: LEAVING,
      password: PASSWORD,
      roles: ['viewer'],
      subjectId,
    });
    ({ page, context } = await b.signedIn(LEAVING));
  });
  afterAll(async () => {
    await context?.close();
    await b?.close();
  });

  const openPrivacy = async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy center' }).waitFor();
  };
  const homeIds = () =>
    page
      .getByTestId('row-for-you')
      .getByTestId('item-card')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-item-id')));

  it('withdraws consent to personal recommendations in one click: home says so, the history shows it', async () => {
    const forYou = page.getByTestId('row-for-you');
    await expect.poll(() => forYou.getByTestId('item-card').count()).toBeGreaterThan(3);
    const personal = await homeIds();
    const notAgreed = page.getByText('You have not agreed to personal recommendations');
    expect(await notAgreed.count()).toBe(0);

    await openPrivacy();
    const personalization = page.getByRole('switch', { name: 'Personal recommendations' });
    await personalization.waitFor();
    expect(await personalization.getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('switch').count()).toBe(4);
    await personalization.click();
    await expect.poll(() => personalization.getAttribute('aria-checked')).toBe('false');
    await expect
      .poll(() => page.getByText('Saved: you withdrew “Personal recommendations”.').count())
      .toBe(1);

    const history = page.getByRole('table', { name: 'Your consent choices, newest first' });
    await expect
      .poll(() => history.getByRole('row').nth(1).textContent())
      .toMatch(/Personal recommendations.*Withdrawn.*on this site/);
    const notice = page.getByRole('table', { name: 'The data we keep about you' });
    await notice.waitFor();
    const viewing = await notice.getByRole('row', { name: /What you watch/ }).textContent();
    const { rawEventsDays } = b.api.built.context.policy.policy.privacy.retention;
    expect(viewing).toContain(`${rawEventsDays} days`);
    expect(viewing).toContain('Personal recommendations');
    await expectAccessible(page, 'privacy center');
    await screenshot(page, 'viewer-privacy');

    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await notAgreed.waitFor();
    await expect.poll(() => forYou.getByTestId('item-card').count()).toBeGreaterThan(3);
    const popular = await homeIds();
    expect(popular.join()).not.toBe(personal.join());
    const stored = await b.api.built.context.consents.current(subjectId);
    expect(stored.get('personalization')).toMatchObject({ granted: false, method: 'web' });
  });

  it("downloads the viewer's data as one JSON file", async () => {
    await openPrivacy();
    const button = page.getByRole('button', { name: 'Download my data' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('candor-export.json');
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as {
      format: string;
      profile: { id: string; profileKind: string };
      consents: { history: { purpose: string; granted: boolean; method: string }[] };
      events: unknown[];
      recommendationsServed: { surface: string }[];
    };
    expect(exported.format).toBe('candor-export/1');
    expect(exported.profile).toMatchObject({ id: subjectId, profileKind: 'adult' });
    expect(exported.consents.history.at(-1)).toMatchObject({
      purpose: 'personalization',
      granted: false,
      method: 'web',
    });
    expect(exported.events.length).toBeGreaterThanOrEqual(5);
    expect(exported.recommendationsServed.length).toBeGreaterThan(0);
    await page.getByText('Your data was saved as candor-export.json.').waitFor();
  });

  it('deletes the account only once confirmed; afterwards it cannot sign in', async () => {
    await openPrivacy();
    const open = page.getByRole('button', { name: 'Delete my account…' });
    await open.click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete your account?' });
    await dialog.waitFor();
    // The safe choice has the focus, and Escape leaves everything as it was.
    expect(
      await dialog
        .getByRole('button', { name: 'Keep my account' })
        .evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    await open.click();
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Delete my account', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('To confirm, type DELETE').fill('delete');
    expect(await confirm.isDisabled()).toBe(false);
    await expectAccessible(page, 'delete dialog');
    await screenshot(page, 'viewer-delete-dialog');
    await confirm.click();

    await page.waitForURL((url) => url.pathname === '/sign-in');
    const farewell = page.getByRole('status').filter({ hasText: 'Your account was deleted' });
    await farewell.waitFor();
    expect(await farewell.textContent()).toMatch(/Erasure certificate: \S+\./);
    const subjects = await b.api.t.store.db
      .selectFrom('subjects')
      .select('id')
      .where('id', '=', subjectId)
      .execute();
    expect(subjects).toEqual([]);

    await page.getByLabel('Username').fill(LEAVING);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page, 'sign-in after deletion');
    // The other viewers are untouched.
    const other = await b.browser.newContext({ baseURL: b.url });
    await signIn(await other.newPage(), 'viewer-one');
    await other.close();
  });
});
