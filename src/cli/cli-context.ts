import { storeLocationOf } from '../config/store-location.js';
import type { Command } from 'commander';
import type { Config } from '../config/config-schema.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { openStore, type Store } from '../store/open-store.js';
import { CliError, EXIT } from './exit-codes.js';

export interface GlobalOptions {
  dataDir?: string;
  config?: string;
  json?: boolean;
}

export interface CliContext {
  config: Config;
  json: boolean;
  /** Human-readable progress and notes: stderr, so stdout stays machine-readable. */
  info(message: string): void;
  /** The command's result: one JSON object with --json, text otherwise. */
  result(value: unknown, text: string): void;
  /** Opens the configured store (migrated unless said otherwise), runs `work`, and always closes it. */
  withStore<T>(work: (store: Store) => Promise<T>, options?: { migrate?: boolean }): Promise<T>;
}

/** Resolves configuration (defaults < file < environment < flags) for a command. */
export function contextFor(command: Command, flags: Record<string, unknown> = {}): CliContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  let config: Config;
  try {
    config = loadConfig({ file: globals.config, flags: { dataDir: globals.dataDir, ...flags } });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  const json = globals.json === true;
  return {
    config,
    json,
    info: (message) => {
      if (!json) process.stderr.write(`${message}\n`);
    },
    result: (value, text) => {
      process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
    },
    async withStore(work, options = {}) {
      const store = await openStore(storeLocationOf(config), options);
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    },
  };
}

/** Parses a whole number option, naming the option when it is not one. */
export function intOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new CliError(
        `--${name} must be a whole number from ${min} to ${max} (got '${value}')`,
        EXIT.usage,
      );
    }
    return n;
  };
}

export function numberOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new CliError(`--${name} must be a number from ${min} to ${max} (got '${value}')`, EXIT.usage);
    }
    return n;
  };
}
