import type { Command } from 'commander';
import { isClusterWorker, resolveWorkerCount, runClusterWorker, startCluster } from '../../server/cluster.js';
import { closeOnSignals, startServer } from '../../server/serve.js';
import { contextFor, intOption } from '../cli-context.js';

const MAX_WORKERS = 256;

/** `--workers`: a whole number, or `auto` (same as 0): one worker per available core. */
function workersOption(value: string): number | 'auto' {
  return value.trim().toLowerCase() === 'auto' ? 'auto' : intOption('workers', 0, MAX_WORKERS)(value);
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP service on the data folder')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'TCP port (default 8080; 0 picks a free one)', intOption('port', 0, 65_535))
    .option(
      '--workers <n>',
      'server processes sharing the port (default 1; 0 or auto: one per core)',
      workersOption,
    )
    .action(
      async (options: { host?: string; port?: number; workers?: number | 'auto' }, command: Command) => {
        const ctx = contextFor(command, { server: { host: options.host, port: options.port } });
        if (isClusterWorker()) {
          // Forked by the primary below with the same arguments: serve, and report to the primary only.
          await runClusterWorker(ctx.config);
          return;
        }
        const workers = resolveWorkerCount(options.workers);
        if (workers > 1) {
          const running = await startCluster(ctx.config, { workers });
          void running.closed.then(() => process.exit(0));
          ctx.result(
            { url: running.url, dataDir: ctx.config.dataDir, workers },
            `Candor is listening on ${running.url} (${workers} worker processes)`,
          );
          return;
        }
        const server = await startServer(ctx.config);
        closeOnSignals(server);
        ctx.result({ url: server.url, dataDir: ctx.config.dataDir }, `Candor is listening on ${server.url}`);
      },
    );
}
