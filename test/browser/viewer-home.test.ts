import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  browserHarness,
  expectAccessible,
  screenshot,
} from './support/browser-harness.js';

describe('the viewer home page in Chromium', () => {
  let b: BrowserHarness;
  beforeAll(async () => {
    b = await browserHarness();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('signs in, shows recommendation rows, and explains a card in a popover', async () => {
    const { page, context } = await b.signedIn('viewer-one');
    const forYou = page.getByTestId('row-for-you');
    await expect.poll(() => forYou.getByTestId('item-card').count()).toBeGreaterThan(3);
    await expect
      .poll(() => page.getByTestId('row-because').getByTestId('item-card').count())
      .toBeGreaterThan(0);
    await expectAccessible(page, 'home');
    await screenshot(page, 'viewer-home');

    const firstCard = forYou.getByTestId('item-card').first();
    const title = (await firstCard.getByRole('heading').textContent()) ?? '';
    await firstCard.getByRole('button', { name: `Why this? ${title}` }).click();
    const popover = page.getByRole('dialog', { name: `Why ${title}` });
    await popover.waitFor();
    const reasons = await popover.getByTestId('why-reasons').locator('li').allTextContents();
    expect(reasons.some((text) => text.startsWith('Because you watched'))).toBe(true);
    await expect.poll(() => popover.getByText('How recommendations work').count()).toBe(1);
    await expectAccessible(page, 'why-this popover');
    await screenshot(page, 'viewer-why-this');
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    await context.close();
  });
});
