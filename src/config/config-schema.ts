import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.strictObject({
  dataDir: z
    .string()
    .min(1)
    .default('./.candor')
    .describe('folder for the database, keys and model artifacts'),
  databaseUrl: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional()
    .describe('PostgreSQL connection URL; SQLite in the data folder when absent'),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1').describe('address to listen on'),
      port: z.coerce
        .number()
        .int()
        .min(0)
        .max(65_535)
        .default(8080)
        .describe('TCP port (0 picks a free one)'),
      bodyLimitBytes: z.coerce
        .number()
        .int()
        .min(1024)
        .max(100 * 1024 * 1024)
        .default(1024 * 1024),
      shutdownGraceMs: z.coerce.number().int().min(0).max(120_000).default(10_000),
    })
    .default({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 1024 * 1024, shutdownGraceMs: 10_000 }),
  log: z.strictObject({ level: z.enum(LOG_LEVELS).default('info') }).default({ level: 'info' }),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
