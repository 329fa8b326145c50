import { Command, CommanderError } from 'commander';
import { ImportRowError } from '../import/import-source.js';
import { VERSION } from '../version.js';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerAuditLogCommand } from './commands/audit-log-command.js';
import { registerDbCommand } from './commands/db-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerEvaluateCommand } from './commands/evaluate-command.js';
import { registerForgetCommand } from './commands/forget-command.js';
import { registerSecretsCommand } from './commands/secrets-command.js';
import { registerDriftCommand } from './commands/drift-command.js';
import { registerScorecardCommand } from './commands/scorecard-command.js';
import { registerPolicyCommand } from './commands/policy-command.js';
import { registerRetentionCommand } from './commands/retention-command.js';
import { registerSafetyCommand } from './commands/safety-command.js';
import { registerGenerateCommand } from './commands/generate-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerTrainCommand } from './commands/train-command.js';
import { registerModelsCommand } from './commands/models-command.js';
import { registerUsersCommand } from './commands/users-command.js';
import { registerRedteamCommand } from './commands/redteam-command.js';
import { registerQuarantineCommand } from './commands/quarantine-command.js';
import { CliError, EXIT } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('candor')
    .description('Candor: responsible recommendations for media catalogs')
    .version(VERSION)
    .option(
      '--data-dir <dir>',
      'data folder: database, keys, model artifacts (default ./.candor, env CANDOR_DATA_DIR)',
    )
    .option(
      '--config <file>',
      'JSON config file (default <data-dir>/candor.json when present, env CANDOR_CONFIG)',
    )
    .option('--json', 'print the result as one JSON object on stdout')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerDemoCommand(program);
  registerServeCommand(program);
  registerImportCommand(program);
  registerGenerateCommand(program);
  registerTrainCommand(program);
  registerModelsCommand(program);
  registerEvaluateCommand(program);
  registerAuditCommand(program);
  registerDbCommand(program);
  registerAuditLogCommand(program);
  registerUsersCommand(program);
  registerForgetCommand(program);
  registerRetentionCommand(program);
  registerPolicyCommand(program);
  registerSafetyCommand(program);
  registerSecretsCommand(program);
  registerDriftCommand(program);
  registerScorecardCommand(program);
  registerRedteamCommand(program);
  registerQuarantineCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line on stderr (JSON with --json). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { code, message } = describeFailure(error);
    if (argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ error: message, exitCode: code, ...rowOf(error) })}\n`);
    }
    process.stderr.write(`candor: ${message}\n`);
    return code;
  }
}

function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof CliError) return { code: error.exitCode, message: error.message };
  if (error instanceof ImportRowError)
    return { code: EXIT.data, message: `import failed, nothing was written: ${error.message}` };
  const errno = (error as NodeJS.ErrnoException)?.code;
  if (errno === 'ECONNREFUSED' || errno === 'EADDRINUSE' || errno === 'EACCES') {
    return { code: EXIT.unavailable, message: (error as Error).message };
  }
  return { code: EXIT.failure, message: error instanceof Error ? error.message : String(error) };
}

function rowOf(error: unknown): Record<string, unknown> {
  if (!(error instanceof ImportRowError)) return {};
  return { file: error.file, line: error.line, ...(error.field ? { field: error.field } : {}) };
}
