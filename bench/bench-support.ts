import { existsSync, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

/** The shared development datasets live beside the repository and are never copied into it. */
export function sharedDataset(name: string): string {
  const dir = resolve(
    process.env.CANDOR_SHARED_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data'),
    name,
  );
  if (!existsSync(dir)) {
    process.stderr.write(`dataset not found: ${dir} (set CANDOR_SHARED_DATA to the shared data folder)\n`);
    process.exit(3);
  }
  return dir;
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `candor-bench-${prefix}-`));
}

export const machine = () => ({
  node: process.version,
  cpus: availableParallelism(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
});

/** A throwaway database on a PostgreSQL server, dropped by `drop()`. */
export async function freshDatabase(
  serverUrl: string,
  prefix = 'candor_bench',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
