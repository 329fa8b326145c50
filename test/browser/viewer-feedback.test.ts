import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  browserHarness,
  expectAccessible,
  screenshot,
} from './support/browser-harness.js';

const idsIn = (row: Locator) =>
  row.getByTestId('item-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-item-id')));

/** Every item on the home page's recommendation rows, in order. */
async function homeIds(page: Page): Promise<string[]> {
  const forYou = (await idsIn(page.getByTestId('row-for-you'))) as string[];
  const explore = (await idsIn(page.getByTestId('row-explore'))) as string[];
  return [...forYou, ...explore];
}

describe('feedback and the non-profiling feed on the home page, in Chromium', () => {
  let b: BrowserHarness;
  beforeAll(async () => {
    b = await browserHarness();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('takes a title turned down (with a reason) off the row, and another takes its place', async () => {
    const { page, context } = await b.signedIn('viewer-one');
    const forYou = page.getByTestId('row-for-you');
    await expect.poll(() => forYou.getByTestId('item-card').count()).toBeGreaterThan(3);
    const before = await homeIds(page);
    const card = forYou.getByTestId('item-card').first();
    const dismissed = (await card.getAttribute('data-item-id')) as string;

    await card.getByRole('button', { name: 'Not interested' }).click();
    await card.getByLabel('Tell us why (optional)').fill('Seen it elsewhere');
    await card.getByRole('button', { name: 'Hide it' }).click();

    await expect.poll(async () => (await homeIds(page)).includes(dismissed)).toBe(false);
    const after = await homeIds(page);
    expect(after.length).toBe(before.length);
    expect(after.filter((id) => !before.includes(id)).length).toBeGreaterThan(0);
    const feedback = await b.api.t.store.db
      .selectFrom('feedback')
      .select(['kind', 'item_id'])
      .where('subject_id', '=', b.api.viewer.subjectId)
      .where('item_id', '=', dismissed)
      .execute();
    expect(feedback).toEqual([{ kind: 'not-interested', item_id: dismissed }]);
    await context.close();
  });

  it('shows a thumbs up as pressed and a rating as given', async () => {
    const { page, context } = await b.signedIn('viewer-one');
    const card = page.getByTestId('row-for-you').getByTestId('item-card').first();
    await card.waitFor();
    const title = (await card.getByRole('heading').textContent()) ?? '';
    const thumbsUp = card.getByRole('button', { name: `Thumbs up: ${title}` });
    expect(await thumbsUp.getAttribute('aria-pressed')).toBe('false');
    await thumbsUp.click();
    await expect.poll(() => thumbsUp.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => card.getByRole('status').textContent()).toBe('Thanks, noted.');

    await card
      .getByRole('group', { name: `Rate ${title}` })
      .getByRole('button', { name: '4 stars' })
      .click();
    await expect.poll(() => card.getByRole('status').textContent()).toBe('Rated 4 of 5.');
    expect(await card.getByRole('button', { name: '4 stars' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page, 'home after feedback');
    await context.close();
  });

  it('switches to the feed not based on the profile, and back', async () => {
    const { page, context } = await b.signedIn('viewer-one');
    const forYou = page.getByTestId('row-for-you');
    await expect.poll(() => forYou.getByTestId('item-card').count()).toBeGreaterThan(3);
    const personal = await homeIds(page);
    const feedSwitch = page.getByRole('switch', { name: 'Show a feed not based on my profile' });
    expect(await feedSwitch.getAttribute('aria-checked')).toBe('false');

    await feedSwitch.click();
    await expect.poll(() => feedSwitch.getAttribute('aria-checked')).toBe('true');
    await expect
      .poll(() => forYou.getByRole('heading', { level: 2 }).textContent())
      .toBe('Popular right now');
    expect(await forYou.textContent()).toContain('Not based on your profile');
    await expect.poll(async () => (await homeIds(page)).join()).not.toBe(personal.join());
    const popular = await homeIds(page);
    expect(popular.length).toBeGreaterThan(3);
    expect(popular.some((id) => !personal.includes(id))).toBe(true);
    // Nothing on this list is explained by the viewer's history.
    const firstTitle =
      (await forYou.getByTestId('item-card').first().getByRole('heading').textContent()) ?? '';
    await forYou.getByRole('button', { name: `Why this? ${firstTitle}` }).click();
    const why = page.getByRole('dialog', { name: `Why ${firstTitle}` });
    await why.waitFor();
    expect(await why.getByTestId('why-reasons').textContent()).not.toContain('Because you watched');
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'non-profiling home');
    await screenshot(page, 'viewer-non-profiling');

    await feedSwitch.click();
    await expect.poll(() => forYou.getByRole('heading', { level: 2 }).textContent()).toBe('For you');
    await expect.poll(async () => (await homeIds(page)).join()).toBe(personal.join());
    await context.close();
  });
});
