import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { type Config, configSchema } from '../../config/config-schema.js';
import { SQLITE_FILE_NAME } from '../../store/open-store.js';
import { RedteamOptionError } from '../redteam-family.js';

/** A copy of a data folder the attacks may wreck, and the config that points a server at it. */
export interface DisposableData {
  readonly dir: string;
  readonly config: Config;
  /** Whether the source held a database (a fresh one is created in the copy when it did not). */
  readonly hadDatabase: boolean;
  remove(): void;
}

const SQLITE_FILES = new Set([SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`, `${SQLITE_FILE_NAME}-shm`]);

/**
 * Copies `source.dataDir` to a fresh temporary folder: the database through SQLite's online backup (a
 * consistent snapshot even while a server writes to it), everything else (keys, models, policy) as files,
 * earlier red-team reports left behind. The copy's config can reach nothing of the original: no database
 * URL, the policy file copied in (an admin route writes to it), no alert webhook, and a loopback port of
 * its own. Rate limits are raised so that refusals measure access control, not throttling; the sign-in
 * limit is kept, since guessing passwords is one of the attacks.
 */
export async function disposableCopy(source: Config): Promise<DisposableData> {
  if (source.databaseUrl !== undefined) {
    throw new RedteamOptionError(
      'access attacks run on a disposable copy of the data folder, which needs its SQLite database; ' +
        'this config names a database URL (copy a PostgreSQL database yourself and point a data folder at it)',
    );
  }
  if (!existsSync(source.dataDir) || !statSync(source.dataDir).isDirectory()) {
    throw new RedteamOptionError(`--data-dir: no data folder at ${source.dataDir}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'candor-redteam-access-'));
  try {
    cpSync(source.dataDir, dir, {
      recursive: true,
      filter: (from) => {
        const name = basename(from);
        if (from === source.dataDir) return true;
        return !SQLITE_FILES.has(name) && !(name === 'redteam' && join(source.dataDir, name) === from);
      },
    });
    const database = join(source.dataDir, SQLITE_FILE_NAME);
    const hadDatabase = existsSync(database);
    if (hadDatabase) {
      const db = new Database(database, { readonly: true, fileMustExist: true });
      try {
        await db.backup(join(dir, SQLITE_FILE_NAME));
      } finally {
        db.close();
      }
    }
    let policyFile: string | undefined;
    if (source.policyFile !== undefined && existsSync(source.policyFile)) {
      policyFile = join(dir, 'redteam-policy.yaml');
      copyFileSync(source.policyFile, policyFile);
    }
    const config = configSchema.parse({
      ...source,
      dataDir: dir,
      databaseUrl: undefined,
      policyFile,
      server: { ...source.server, host: '127.0.0.1', port: 0 },
      log: { level: 'silent' },
      alerts: { ...source.alerts, webhookUrl: undefined },
      rateLimit: { ...source.rateLimit, perMinute: 1_000_000, servicePerMinute: 1_000_000 },
    });
    return { dir, config, hadDatabase, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
