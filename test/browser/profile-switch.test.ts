import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/api-harness.js';
import {
  type BrowserHarness,
  browserHarness,
  expectAccessible,
  screenshot,
} from './support/browser-harness.js';

describe('switching household profiles in Chromium', () => {
  let b: BrowserHarness;
  let levelOf: Map<string, number>;
  beforeAll(async () => {
    b = await browserHarness();
    const { t, otherViewer, viewer, built } = b.api;
    await t.store.db
      .updateTable('subjects')
      .set({ profile_kind: 'kids' })
      .where('id', '=', otherViewer.subjectId)
      .execute();
    await built.context.auth.households.add(viewer.accountId as string, otherViewer.subjectId);
    const items = await t.store.db.selectFrom('items').select(['id', 'audience_level']).execute();
    levelOf = new Map(items.map((row) => [row.id, row.audience_level]));
  });
  afterAll(async () => {
    await b?.close();
  });

  it('switches to kids at once, and back to adult only with the password', async () => {
    const { page, context } = await b.signedIn('viewer-one');
    const cards = page.getByTestId('row-for-you').getByTestId('item-card');
    await expect.poll(() => cards.count()).toBeGreaterThan(3);
    const profile = page.getByLabel('Profile', { exact: true });
    await profile.selectOption({ label: 'Kids' });
    await expect.poll(async () => (await profile.inputValue()) === b.api.otherViewer.subjectId).toBe(true);
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    const kidsItems = await cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-item-id')));
    for (const id of kidsItems) expect(levelOf.get(id as string), id as string).toBeLessThanOrEqual(2);
    await screenshot(page, 'viewer-profile-kids');

    await profile.selectOption({ label: 'Adult (account holder)' });
    const dialog = page.getByRole('dialog', { name: 'Enter the account password' });
    await dialog.waitFor();
    await expectAccessible(page, 'profile password dialog');
    await screenshot(page, 'viewer-profile-password');
    await dialog.getByLabel('Password').fill('not the password');
    await dialog.getByRole('button', { name: 'Switch profile' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('wrong password');
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Switch profile' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await profile.inputValue()) === b.api.viewer.subjectId).toBe(true);
    await context.close();
  });
});
