import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type Config, configSchema } from './config-schema.js';

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${source}: ${path ? `'${path}' ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE_NAME = 'candor.json';

/** Environment variables and the config path each one sets. */
const ENVIRONMENT: Record<string, string[]> = {
  CANDOR_DATA_DIR: ['dataDir'],
  CANDOR_DATABASE_URL: ['databaseUrl'],
  CANDOR_HOST: ['server', 'host'],
  CANDOR_PORT: ['server', 'port'],
  CANDOR_LOG_LEVEL: ['log', 'level'],
  CANDOR_AZURE_CONTENT_SAFETY_ENDPOINT: ['safety', 'azure', 'endpoint'],
  CANDOR_AZURE_CONTENT_SAFETY_KEY: ['safety', 'azure', 'key'],
  CANDOR_ALERT_WEBHOOK_URL: ['alerts', 'webhookUrl'],
};

export interface LoadConfigOptions {
  /** Explicit config file (flag or CANDOR_CONFIG); otherwise `<dataDir>/candor.json` if it exists. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags: highest precedence. */
  flags?: Record<string, unknown>;
}

/** defaults < file < environment < flags, validated as a whole. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const fromEnv: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(ENVIRONMENT)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(fromEnv, path, value);
  }
  const flags = options.flags ?? {};
  const dataDir = String(flags.dataDir ?? fromEnv.dataDir ?? configSchema.shape.dataDir.parse(undefined));
  const explicitFile = options.file ?? env.CANDOR_CONFIG;
  const file = explicitFile ?? join(dataDir, CONFIG_FILE_NAME);
  let fromFile: Record<string, unknown> = {};
  if (explicitFile !== undefined || existsSync(file)) fromFile = readConfigFile(file);

  const merged = deepMerge(deepMerge(fromFile, fromEnv), flags);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError('configuration', issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  return { ...result.data, dataDir: resolve(result.data.dataDir) };
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      file,
      '',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, '', `is not valid JSON: ${(error as Error).message}`);
  }
  const shape = z.record(z.string(), z.unknown()).safeParse(parsed);
  if (!shape.success) throw new ConfigError(file, '', 'must hold a JSON object');
  const checked = configSchema.partial().safeParse(shape.data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ConfigError(file, issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  return shape.data;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(value) && isPlainObject(current) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
