import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSyntheticParams, writeSyntheticDataset } from '../src/catalog/synthetic/index.js';
import { runImport } from '../src/import/import-runner.js';
import { openImportSource } from '../src/import/open-import-source.js';
import { trainModel } from '../src/models/train-model.js';
import { DEFAULT_PURPOSES } from '../src/privacy/consent/purposes.js';
import { accessFamily } from '../src/redteam/access-family.js';
import type { AccessReport } from '../src/redteam/access/access-report.js';
import { gatewayFamily } from '../src/redteam/gateway-family.js';
import type { BenignReport, SuiteReport } from '../src/redteam/gateway/gateway-report.js';
import { openStore } from '../src/store/open-store.js';
import { machine, scratchDir } from './bench-support.js';

const SEED = 42;
const DATASET = { items: 300, viewers: 120, seed: 7 };
const quiet = { info: () => {} };
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2));

async function gatewayFigures() {
  const started = performance.now();
  const prepared = await gatewayFamily.prepare({ seed: SEED }, quiet);
  const prepareSeconds = seconds(started);
  const variants: Record<string, unknown> = {};
  for (const variant of gatewayFamily.variants) {
    const result = await prepared.run(variant);
    const report = result.report as { suite?: SuiteReport; benign: BenignReport; seconds: number };
    variants[variant] = {
      passed: result.passed,
      seconds: report.seconds,
      ...(report.suite
        ? {
            probes: report.suite.total,
            stopRate: report.suite.stopRate,
            stopRateByMutation: Object.fromEntries(
              report.suite.byMutation.map((row) => [row.mutation, row.stopRate]),
            ),
            evadedPlainStopsByMutation: Object.fromEntries(
              report.suite.byMutation.map((row) => [row.mutation, row.evadedPlainStops]),
            ),
            stopRateByCategory: Object.fromEntries(
              report.suite.byCategory.map((row) => [row.category, row.stopRate]),
            ),
            gotThrough: report.suite.gotThrough.map((probe) => probe.id),
          }
        : {}),
      benignFalsePositiveRate: report.benign.falsePositiveRate,
      benignWronglyStopped: report.benign.wronglyStopped.map((wrong) => wrong.id),
    };
  }
  return { prepareSeconds, variants };
}

/** A small synthetic catalog, imported and trained as `candor demo` would, for the access attacks to copy. */
async function syntheticDataFolder(): Promise<string> {
  const root = scratchDir('redteam-access');
  const dataDir = join(root, 'data');
  const dataset = join(root, 'dataset');
  await writeSyntheticDataset(dataset, parseSyntheticParams(DATASET));
  const store = await openStore({ dataDir });
  try {
    await runImport(store, await openImportSource(dataset), {
      consent: {
        grant: ['personalization', 'model_training', 'analytics'],
        actor: 'bench',
        textVersion: DEFAULT_PURPOSES.textVersion,
      },
    });
    await trainModel(store, dataDir, { algorithm: 'ease', alias: 'production' });
  } finally {
    await store.close();
  }
  return root;
}

async function accessFigures() {
  const root = await syntheticDataFolder();
  try {
    const started = performance.now();
    const prepared = await accessFamily.prepare({ dataDir: join(root, 'data') }, quiet);
    const copySeconds = seconds(started);
    const variants: Record<string, unknown> = {};
    try {
      for (const variant of accessFamily.variants) {
        const result = await prepared.run(variant);
        const report = result.report as AccessReport & { seconds: number; routes: number };
        variants[variant] = {
          passed: result.passed,
          seconds: report.seconds,
          routes: report.routes,
          attempts: report.attempts,
          refused: report.refused,
          refusalsByStatus: report.refusalsByStatus,
          checks: report.checks.length,
          successes: report.successes,
        };
      }
    } finally {
      await prepared.close();
    }
    return { dataset: DATASET, copySeconds, variants };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Red team, part B: the gateway mutation suite (stop rate overall, per mutation and per category, benign
 * false-positive rate) and the access attacks against a running API on a synthetic data folder
 * (attempts, refusals, successes), with their timings.
 */
export async function run(): Promise<Record<string, unknown>> {
  return {
    protocol:
      `gateway: every seed x every mutation (seed ${SEED}) through the local gateway with the default ` +
      'policy, plus the benign list; access: every attack group against the real server started on a ' +
      `disposable copy of a synthetic data folder (${DATASET.items} items, ${DATASET.viewers} viewers, EASE in production)`,
    gateway: await gatewayFigures(),
    access: await accessFigures(),
    machine: machine(),
  };
}
