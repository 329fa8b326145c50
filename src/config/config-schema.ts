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
      viewerCacheEntries: z.coerce
        .number()
        .int()
        .min(0)
        .max(10_000_000)
        .default(100_000)
        .describe(
          "viewers whose consent, history and dismissed items a process keeps between requests, reused only while the store's change marker says nothing of them changed; 0 reads them on every request",
        ),
      viewerCacheSeconds: z.coerce
        .number()
        .min(0)
        .max(3600)
        .default(60)
        .describe(
          'longest a process keeps a viewer in that cache, changed or not: how long a viewer erased through another process (a cluster sibling, the CLI) can stay in its memory',
        ),
    })
    .default({
      host: '127.0.0.1',
      port: 8080,
      bodyLimitBytes: 1024 * 1024,
      shutdownGraceMs: 10_000,
      viewerCacheEntries: 100_000,
      viewerCacheSeconds: 60,
    }),
  log: z.strictObject({ level: z.enum(LOG_LEVELS).default('info') }).default({ level: 'info' }),
  safety: z
    .strictObject({
      azure: z
        .strictObject({
          endpoint: z
            .url()
            .describe('Azure AI Content Safety endpoint, e.g. https://NAME.cognitiveservices.azure.com'),
          key: z.string().min(1).describe('its key (env CANDOR_AZURE_CONTENT_SAFETY_KEY)'),
          apiVersion: z.string().default('2024-09-01'),
          timeoutMs: z.coerce.number().int().min(100).max(60_000).default(5_000),
        })
        .optional()
        .describe('used when the policy names the azure provider'),
    })
    .default({}),
  auth: z
    .strictObject({
      sessionTtlSeconds: z.coerce
        .number()
        .int()
        .min(60)
        .max(30 * 24 * 3600)
        .default(8 * 3600)
        .describe('how long a sign-in session (and its cookie) lives'),
      bearerTtlSeconds: z.coerce
        .number()
        .int()
        .min(30)
        .max(24 * 3600)
        .default(900)
        .describe('how long a signed bearer token is valid; it also dies with its session'),
      secureCookies: z
        .boolean()
        .default(false)
        .describe('mark the session cookie Secure (turn on whenever the service is reached over HTTPS)'),
      credentialCacheSeconds: z.coerce
        .number()
        .min(0)
        .max(60)
        .default(2)
        .describe(
          'how long a server process trusts a credential it found live before checking the store again: the longest a revocation made by another process (a cluster sibling, the CLI) takes to reach it; 0 turns the cache off',
        ),
    })
    .default({
      sessionTtlSeconds: 8 * 3600,
      bearerTtlSeconds: 900,
      secureCookies: false,
      credentialCacheSeconds: 2,
    }),
  rateLimit: z
    .strictObject({
      perMinute: z.coerce
        .number()
        .int()
        .min(1)
        .default(1200)
        .describe('requests per minute for one signed-in account'),
      servicePerMinute: z.coerce
        .number()
        .int()
        .min(1)
        .default(600_000)
        .describe('requests per minute for one service API key (it speaks for many viewers)'),
      signInPerMinute: z.coerce
        .number()
        .int()
        .min(1)
        .default(10)
        .describe('sign-in attempts per minute from one address'),
    })
    .default({ perMinute: 1200, servicePerMinute: 600_000, signInPerMinute: 10 }),
  masterKeyFile: z
    .string()
    .min(1)
    .optional()
    .describe(
      'master key file (base64 of 32 bytes, mode 0600) wrapping every viewer data key; CANDOR_MASTER_KEY takes precedence; DATA/secrets/master.key is created when neither is given',
    ),
  previousMasterKeyFiles: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'master keys being rotated away from: read until `candor keys rotate` has re-wrapped every data key',
    ),
  alerts: z
    .strictObject({
      webhookUrl: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe(
          'where alerts are POSTed as JSON (env CANDOR_ALERT_WEBHOOK_URL); alerts always go to the log and the audit log',
        ),
      webhookTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(5_000),
    })
    .prefault({}),
  redteam: z
    .strictObject({
      scanBeforeTraining: z
        .boolean()
        .default(false)
        .describe(
          'scan every viewer profile for shilling (fake-profile) attacks before `candor train` fits on the store, quarantining suspicious ones until a curator reviews them; `candor quarantine scan` runs the same scan on demand',
        ),
      scanAfterImport: z
        .boolean()
        .default(false)
        .describe(
          'run the same scan when `candor import` has added interactions, so fake profiles arriving in a bulk load are quarantined at ingestion, before any training reads them',
        ),
    })
    .prefault({}),
  policyFile: z
    .string()
    .min(1)
    .optional()
    .describe(
      'serving policy file (YAML); DATA/policy.yaml when present, else the built-in default. Its content hash is the policy version every decision record names',
    ),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
