import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { stringify as stringifyYaml } from 'yaml';
import { POLICY_FILE_NAME } from '../../config/load-policy.js';
import { parseServingPolicy, type ServingPolicyInput } from '../../config/serving-policy.js';
import type { Store } from '../../store/open-store.js';
import { parseSyntheticParams, writeSyntheticDataset } from '../../catalog/synthetic/index.js';
import { runImport } from '../../import/import-runner.js';
import { openImportSource } from '../../import/open-import-source.js';
import { DEFAULT_ALGORITHM } from '../../models/algorithms.js';
import { readAliases, readArtifact } from '../../models/model-artifact.js';
import { trainModel } from '../../models/train-model.js';
import { closeOnSignals, startServer } from '../../server/serve.js';
import { contextFor, intOption } from '../cli-context.js';
import { ensureDemoAccounts } from './demo-accounts.js';
import { SYNTHETIC_DIR_NAME } from './generate-command.js';

export const DEMO_SIZE = { items: 2000, viewers: 5000, seed: 42 } as const;

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'set up a demo data folder (synthetic catalog, viewers, a trained model) on first run, then serve it',
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'TCP port (default 8080)', intOption('port', 0, 65_535))
    .action(async (options: { host?: string; port?: number }, command: Command) => {
      const ctx = contextFor(command, { server: { host: options.host, port: options.port } });
      const { dataDir } = ctx.config;
      const credentials = await ctx.withStore(async (store) => {
        if ((await store.db.selectFrom('items').select('id').limit(1).execute()).length === 0) {
          const out = join(dataDir, SYNTHETIC_DIR_NAME);
          ctx.info(`First run: generating a synthetic catalog into ${out} ...`);
          await writeSyntheticDataset(out, parseSyntheticParams(DEMO_SIZE));
          const report = await runImport(store, await openImportSource(out));
          ctx.info(
            `Imported ${report.kinds.items?.inserted ?? 0} items, ${report.kinds.viewers?.inserted ?? 0} viewers, ` +
              `${report.kinds.interactions?.inserted ?? 0} interactions in ${report.seconds}s`,
          );
          if (writeDemoPolicy(dataDir, ctx.config.policyFile)) {
            ctx.info(`Wrote the demo policy (fair exposure, an exploration slot) to ${POLICY_FILE_NAME}`);
          }
        } else {
          ctx.info(`Reusing the data in ${dataDir}`);
        }
        if (!readAliases(dataDir).production) {
          ctx.info('Training the default model ...');
          const { manifest, seconds } = await trainModel(store, dataDir, {
            algorithm: DEFAULT_ALGORITHM,
            alias: 'production',
          });
          ctx.info(`Trained ${manifest.algorithm} model ${manifest.id} in ${seconds.toFixed(2)}s`);
        }
        return ensureDemoAccounts(ctx.config, store, await demoViewersOf(store));
      });
      const demoViewers = credentials.flatMap((c) => (c.viewer ? [c.viewer] : []));

      const production = readArtifact(dataDir, readAliases(dataDir).production as string).manifest;
      const server = await startServer(ctx.config);
      closeOnSignals(server);
      const viewers = await server.store.db
        .selectFrom('subjects')
        .select(['external_id', 'profile_kind'])
        .where('external_id', 'in', demoViewers)
        .orderBy('external_id')
        .execute();
      ctx.result(
        {
          url: server.url,
          dataDir,
          productionModel: { id: production.id, algorithm: production.algorithm },
          demoViewers: viewers,
          signIns: credentials,
        },
        [
          '',
          `Candor demo is running at ${server.url}  (health: ${server.url}/healthz)`,
          `Data folder: ${dataDir}`,
          `Production model: ${production.algorithm} ${production.id}`,
          `Demo viewers: ${viewers.map((v) => `${v.external_id} (${v.profile_kind})`).join(', ')}`,
          `Sign in (POST ${server.url}/v1/auth/login, or the API reference at ${server.url}/docs once signed in):`,
          ...credentials.map((c) => `  ${c.username.padEnd(16)} ${c.password}  (${c.roles.join(', ')})`),
          `These demo passwords are kept in ${join(dataDir, 'demo-credentials.json')} (readable by you only).`,
          'Press Ctrl+C to stop.',
        ].join('\n'),
      );
    });
}

/** One viewer per profile kind (adult, teen, kids), the first of each by external id. */
async function demoViewersOf(store: Store): Promise<string[]> {
  const viewers: string[] = [];
  for (const kind of ['adult', 'teen', 'kids']) {
    const row = await store.db
      .selectFrom('subjects')
      .select('external_id')
      .where('profile_kind', '=', kind)
      .orderBy('external_id')
      .limit(1)
      .executeTakeFirst();
    if (row?.external_id) viewers.push(row.external_id);
  }
  return viewers;
}

/**
 * The demo serves under a policy that shows what Candor's rerankers do (a fair-exposure floor for
 * under-represented creators, a labelled exploration pick on the home page), written on first run
 * when the deployment names no policy file of its own. Returns whether it wrote one.
 */
export function writeDemoPolicy(dataDir: string, configuredFile: string | undefined): boolean {
  const file = join(dataDir, POLICY_FILE_NAME);
  if (configuredFile !== undefined || existsSync(file)) return false;
  parseServingPolicy(DEMO_POLICY); // a demo policy that does not validate is a bug: fail loudly
  writeFileSync(
    file,
    `# The demo's serving policy, written by \`candor demo\` on first run. Change it through the API\n` +
      `# (PUT /v1/admin/policy) or \`candor policy check\` a copy first.\n${stringifyYaml(DEMO_POLICY)}`,
  );
  return true;
}

export const DEMO_POLICY: ServingPolicyInput = {
  ranking: {
    rerankers: [
      { kind: 'fair-exposure', target: { kind: 'fixed', p: 0.3 } },
      { kind: 'exploration-slot', slot: 4, surfaces: ['home'] },
    ],
  },
};
