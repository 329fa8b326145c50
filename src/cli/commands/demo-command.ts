import { join } from 'node:path';
import type { Command } from 'commander';
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
      const demoViewers = ['viewer-000001', 'viewer-000002', 'viewer-000003'];
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
        return ensureDemoAccounts(ctx.config, store, demoViewers);
      });

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
