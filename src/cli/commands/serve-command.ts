import type { Command } from 'commander';
import { closeOnSignals, startServer } from '../../server/serve.js';
import { contextFor, intOption } from '../cli-context.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP service on the data folder')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'TCP port (default 8080; 0 picks a free one)', intOption('port', 0, 65_535))
    .action(async (options: { host?: string; port?: number }, command: Command) => {
      const ctx = contextFor(command, { server: { host: options.host, port: options.port } });
      const server = await startServer(ctx.config);
      closeOnSignals(server);
      ctx.result({ url: server.url, dataDir: ctx.config.dataDir }, `Candor is listening on ${server.url}`);
    });
}
