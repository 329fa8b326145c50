import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_POLICY } from '../../../src/cli/commands/demo-command.js';
import type { ServingPolicyInput } from '../../../src/config/serving-policy.js';
import { type ApiHarness, apiHarness, PASSWORD } from '../../support/api-harness.js';
import type { TestStoreFactory } from '../../support/test-stores.js';

/** Where screenshots of every page go; CI keeps the folder as an artifact (see the README). */
export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

export const CHROMIUM = process.env.CANDOR_CHROMIUM ?? '/usr/bin/chromium';

/** The demo's policy, so the app shows the exploration row and fair-exposure boosts as `npm start` does. */
export const BROWSER_POLICY: ServingPolicyInput = DEMO_POLICY;

export interface BrowserHarness {
  api: ApiHarness;
  /** The running server's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) signed in as `username`, on the page it lands on. */
  signedIn(username: string, password?: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * The real server over a real store (a small synthetic catalog, an EASE model, the accounts of
 * apiHarness: viewer-one (adult), viewer-two (kids), staff-<role>, all with PASSWORD), listening on a
 * loopback port, and a headless Chromium.
 */
export async function browserHarness(options: { factory?: TestStoreFactory } = {}): Promise<BrowserHarness> {
  const api = await apiHarness({
    ...(options.factory ? { factory: options.factory } : {}),
    policy: BROWSER_POLICY,
    config: { rateLimit: { perMinute: 100_000, servicePerMinute: 600_000, signInPerMinute: 1_000 } },
  });
  const url = await api.built.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    api,
    url,
    browser,
    async signedIn(username, password = PASSWORD) {
      const context = await browser.newContext({ baseURL: url, acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, username, password);
      return { context, page };
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

/** Signs in through the form, as a person would, and waits for the app to leave the sign-in page. */
export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and fails on any serious or critical
 * violation, naming the rule and the elements. Evaluated through the DevTools protocol, so the page's
 * CSP (scripts from 'self' only) need not be loosened for the test.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Saves a full-page screenshot under artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
