import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { parseSyntheticParams, writeSyntheticDataset } from '../src/catalog/synthetic/index.js';
import { DEMO_POLICY, DEMO_SIZE } from '../src/cli/commands/demo-command.js';
import { configSchema } from '../src/config/config-schema.js';
import { parseServingPolicy } from '../src/config/serving-policy.js';
import { runImport } from '../src/import/import-runner.js';
import { openImportSource } from '../src/import/open-import-source.js';
import { trainModel } from '../src/models/train-model.js';
import { buildApi } from '../src/server/build-app.js';
import { WEB_APP_DIR } from '../src/server/routes/web-app/index.js';
import { migrateToLatest, openStore } from '../src/store/open-store.js';
import { TEST_IMPORT_CONSENT } from '../test/support/consent.js';
import { machine, scratchDir } from './bench-support.js';

const RUNS = 9;
const PASSWORD = 'bench password, not a secret';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `npm run bench -- web`: the web app's built size and how fast its first screens appear on loopback,
 * in Debian's Chromium, against a server at the demo's scale (2,000 items, 5,000 viewers, EASE, the
 * demo policy). Each run is a fresh browser context (empty cache): from `goto` to the screen's content
 * being visible, measured by the test driver (what a person waits), plus the page's own first
 * contentful paint. Screens: the sign-in form, a viewer's home with its first recommendation card, and
 * an analyst's dashboard overview with its headline figures.
 */
export async function run(): Promise<Record<string, unknown>> {
  const bundle = bundleSizes();
  const dataDir = scratchDir('web');
  const store = await openStore({ dataDir });
  await migrateToLatest(store);
  const dataset = join(dataDir, 'synthetic');
  await writeSyntheticDataset(dataset, parseSyntheticParams(DEMO_SIZE));
  await runImport(store, await openImportSource(dataset), { consent: TEST_IMPORT_CONSENT });
  await trainModel(store, dataDir, { algorithm: 'ease', alias: 'production' });
  const config = configSchema.parse({
    dataDir,
    log: { level: 'silent' },
    rateLimit: { perMinute: 100_000, servicePerMinute: 600_000, signInPerMinute: 10_000 },
  });
  const { app, context } = await buildApi({
    config,
    store,
    version: 'bench',
    policy: parseServingPolicy(DEMO_POLICY),
  });
  const subject = await store.db
    .selectFrom('subjects')
    .select('id')
    .where('profile_kind', '=', 'adult')
    .orderBy('external_id')
    .executeTakeFirstOrThrow();
  await context.auth.createAccount({
    username: 'bench-viewer',
    password: PASSWORD,
    roles: ['viewer'],
    subjectId: subject.id,
  });
  await context.auth.createAccount({ username: 'bench-analyst', password: PASSWORD, roles: ['analyst'] });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CANDOR_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    // One warm-up of each screen (the server's first requests build its caches).
    await timeScreen(browser, url, null, '/sign-in', 'button[type=submit]');
    await timeScreen(browser, url, 'bench-viewer', '/', '[data-testid=item-card]');
    const screens = {
      signIn: await series(() => timeScreen(browser, url, null, '/sign-in', 'button[type=submit]')),
      viewerHome: await series(() =>
        timeScreen(browser, url, 'bench-viewer', '/', '[data-testid=item-card]'),
      ),
      dashboardOverview: await series(() =>
        timeScreen(browser, url, 'bench-analyst', '/dashboard', '[aria-label="Stored data"] .stat-value'),
      ),
    };
    return {
      machine: machine(),
      catalog: DEMO_SIZE,
      runs: RUNS,
      bundle,
      screens,
      goal: 'first screen under 1 s on loopback (issue 9)',
    };
  } finally {
    await browser.close();
    await app.close();
    await store.close();
  }
}

interface Timing {
  visibleMs: number;
  firstContentfulPaintMs: number | null;
}

/** One cold load of `path` (signed in as `username` when given) until `selector` is visible. */
async function timeScreen(
  browser: Browser,
  url: string,
  username: string | null,
  path: string,
  selector: string,
): Promise<Timing> {
  const context = await browser.newContext({ baseURL: url });
  try {
    if (username) {
      const signedIn = await context.request.post('/v1/auth/login', {
        data: { username, password: PASSWORD },
      });
      if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
    }
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(path);
    await page.locator(selector).first().waitFor({ state: 'visible' });
    const visibleMs = performance.now() - started;
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    );
    return { visibleMs, firstContentfulPaintMs: fcp };
  } finally {
    await context.close();
  }
}

async function series(measure: () => Promise<Timing>) {
  const timings: Timing[] = [];
  for (let run = 0; run < RUNS; run += 1) timings.push(await measure());
  const visible = timings.map((t) => t.visibleMs).sort((a, b) => a - b);
  const fcp = timings.flatMap((t) => (t.firstContentfulPaintMs === null ? [] : [t.firstContentfulPaintMs]));
  fcp.sort((a, b) => a - b);
  const at = (sorted: number[], q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    visibleMedianMs: at(visible, 0.5),
    visibleMaxMs: Math.round(visible[visible.length - 1] ?? 0),
    firstContentfulPaintMedianMs: fcp.length ? at(fcp, 0.5) : null,
  };
}

/** Sizes of the built app, raw and gzipped; `firstScreen` is what the first page load fetches. */
function bundleSizes() {
  const assets = join(WEB_APP_DIR, 'assets');
  const files = readdirSync(assets).map((name) => {
    const content = readFileSync(join(assets, name));
    return { name, bytes: statSync(join(assets, name)).size, gzipBytes: gzipSync(content).length };
  });
  const html = readFileSync(join(WEB_APP_DIR, 'index.html'), 'utf8');
  const firstScreen = files.filter((file) => html.includes(`/assets/${file.name}`));
  const sum = (list: typeof files, key: 'bytes' | 'gzipBytes') =>
    list.reduce((total, f) => total + f[key], 0);
  return {
    files: files.sort((a, b) => b.bytes - a.bytes),
    totalBytes: sum(files, 'bytes'),
    totalGzipBytes: sum(files, 'gzipBytes'),
    firstScreenBytes: sum(firstScreen, 'bytes') + html.length,
    firstScreenGzipBytes: sum(firstScreen, 'gzipBytes') + gzipSync(html).length,
  };
}
