import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { trainModel } from '../../src/models/train-model.js';
import { loadOrCreateSecret } from '../../src/privacy/secret-file.js';
import { AuthService } from '../../src/server/auth/auth-service.js';
import { openStore } from '../../src/store/open-store.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { spawnJsonChild } from '../support/json-child.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';

/**
 * `candor serve --workers 2` as a user runs it (the TypeScript sources through tsx, in child
 * processes): one URL printed once, both workers answering (each response names its worker in
 * x-candor-worker), one audit chain across them, a production model chosen in one worker served by
 * the other, a killed worker replaced, and a graceful stop on SIGTERM.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'src', 'cli', 'bin.ts');

interface Served {
  child: ChildProcess;
  result: Record<string, unknown>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Spawns `candor --json serve ...`; its result line, or `{}` if it exits without printing one. */
async function candorServe(dataDir: string, args: string[]): Promise<Served> {
  const { child, firstLine, exited } = spawnJsonChild(
    ['--import', 'tsx', BIN, '--json', '--data-dir', dataDir, 'serve', ...args],
    { cwd: ROOT, env: { CANDOR_LOG_LEVEL: 'warn' } },
  );
  const result = await firstLine.catch(() => ({}));
  return { child, result, exited };
}

interface Answer {
  status: number;
  worker: string | undefined;
  body: string;
}

/** One request on its own connection (no keep-alive), so that the cluster hands each to the next worker. */
function fresh(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          ...options.headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, worker: res.headers['x-candor-worker'] as string, body }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} in 10 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The cluster workers: the primary's child processes (Linux /proc). */
function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('candor serve --workers 2', () => {
  let dataDir: string;
  let serviceKey: string;
  let adminKey: string;
  let subjectIds: string[];
  let firstModel: string;
  let secondModel: string;
  let cluster: Served;
  let url: string;

  beforeAll(async () => {
    dataDir = tempDir('candor-cluster-');
    const store = await openStore({ dataDir });
    try {
      const dataset = tempDir('candor-cluster-data-');
      await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 120, viewers: 40, seed: 11 }));
      await runImport(store, await openImportSource(dataset), { consent: TEST_IMPORT_CONSENT });
      rmSync(dataset, { recursive: true, force: true });
      secondModel = (await trainModel(store, dataDir, { algorithm: 'ease', params: { lambda: 50 } })).manifest
        .id;
      firstModel = (await trainModel(store, dataDir, { algorithm: 'ease', alias: 'production' })).manifest.id;
      const auth = new AuthService(
        store,
        loadOrCreateSecret(dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET'),
        {
          sessionTtlSeconds: 3600,
          bearerTtlSeconds: 900,
        },
      );
      serviceKey = (await auth.createApiKey({ name: 'front end', roles: ['service'], createdBy: 'test' }))
        .key;
      adminKey = (await auth.createApiKey({ name: 'operator', roles: ['admin'], createdBy: 'test' })).key;
      subjectIds = (await store.db.selectFrom('subjects').select('id').orderBy('key').execute()).map(
        (s) => s.id,
      );
    } finally {
      await store.close();
    }
    cluster = await candorServe(dataDir, ['--port', '0', '--workers', '2']);
    url = cluster.result.url as string;
  }, 60_000);

  afterAll(async () => {
    if (cluster?.child.exitCode === null) {
      cluster.child.kill('SIGKILL');
      await cluster.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const recommend = (i: number) =>
    fresh(`${url}/v1/recommendations?limit=5`, {
      headers: {
        authorization: `Bearer ${serviceKey}`,
        'candor-subject': subjectIds[i % subjectIds.length] as string,
      },
    });

  it('prints one result with the URL, and both workers answer', async () => {
    expect(cluster.result).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      workers: 2,
    });
    const health = await Promise.all(Array.from({ length: 12 }, () => fresh(`${url}/healthz`)));
    expect(health.map((a) => a.status)).toEqual(health.map(() => 200));
    expect(new Set(health.map((a) => a.worker))).toEqual(new Set(['1', '2']));

    const served = await Promise.all(Array.from({ length: 24 }, (_, i) => recommend(i)));
    expect(served.map((a) => a.status)).toEqual(served.map(() => 200));
    expect(new Set(served.map((a) => a.worker))).toEqual(new Set(['1', '2']));
    expect(
      new Set(served.map((a) => (JSON.parse(a.body) as { lineage: { modelId: string } }).lineage.modelId)),
    ).toEqual(new Set([firstModel]));
  });

  it('a policy changed through one worker is served by every worker within seconds', async () => {
    // Direct production changes need a policy that does not enforce the promotion gate.
    const put = await fresh(`${url}/v1/admin/policy`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}` },
      body: { policy: { promotion: { enforce: false } }, note: 'cluster test' },
    });
    expect(put.status, put.body).toBe(200);
    const version = (JSON.parse(put.body) as { version: string }).version;
    const seen = new Set<string>();
    await eventually('both workers to serve the new policy', async () => {
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => recommend(i)));
      for (const a of answers) {
        expect(a.status).toBe(200);
        if (
          (JSON.parse(a.body) as { lineage: { policyVersion: string } }).lineage.policyVersion === version
        ) {
          seen.add(a.worker as string);
        } else {
          seen.delete(a.worker as string);
        }
      }
      return seen.size === 2 ? true : undefined;
    });
  });

  it('a production model set through one worker is served by every worker within seconds', async () => {
    const put = await fresh(`${url}/v1/admin/models/production`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}` },
      body: { modelId: secondModel },
    });
    expect(put.status, put.body).toBe(200);
    // Each worker polls the alias every 2 s; wait until both have answered with the new model.
    const seen = new Set<string>();
    await eventually('both workers to serve the new model', async () => {
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => recommend(i)));
      for (const a of answers) {
        expect(a.status).toBe(200);
        if ((JSON.parse(a.body) as { lineage: { modelId: string } }).lineage.modelId === secondModel) {
          seen.add(a.worker as string);
        } else {
          seen.delete(a.worker as string);
        }
      }
      return seen.size === 2 ? true : undefined;
    });
  });

  it.skipIf(!existsSync('/proc/self/task'))(
    'replaces a worker that dies, and keeps serving meanwhile',
    async () => {
      const workers = childPids(cluster.child.pid as number);
      expect(workers).toHaveLength(2);
      const killed = workers[0] as number;
      process.kill(killed, 'SIGKILL');
      // A connection the primary hands to a worker in the instant it dies is lost (node:cluster's
      // round-robin cannot take it back; the client times out). Once the primary has seen the death,
      // the other worker takes every connection until the replacement (worker 3) listens.
      await eventually('the primary to reap the killed worker', async () =>
        childPids(cluster.child.pid as number).includes(killed) ? undefined : true,
      );
      const during = await Promise.all(Array.from({ length: 6 }, () => fresh(`${url}/healthz`)));
      expect(during.map((a) => a.status)).toEqual(during.map(() => 200));
      await eventually('the replacement worker to answer', async () => {
        const answers = await Promise.all(Array.from({ length: 4 }, () => fresh(`${url}/healthz`)));
        return answers.some((a) => a.worker === '3') ? true : undefined;
      });
      const now = childPids(cluster.child.pid as number);
      expect(now).toHaveLength(2);
      expect(now).not.toContain(killed);
    },
  );

  it('stops gracefully on SIGTERM, workers included; the audit chain written by all of them verifies', async () => {
    const workers = childPids(cluster.child.pid as number);
    cluster.child.kill('SIGTERM');
    const { code, stdout } = await cluster.exited;
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(workers.filter(isAlive)).toEqual([]);

    const store = await openStore({ dataDir });
    try {
      const verification = await verifyAuditLog(store);
      expect(verification.ok).toBe(true);
      const served = await store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'recommendations.serve')
        .executeTakeFirstOrThrow();
      expect(Number(served.n)).toBeGreaterThanOrEqual(24);
    } finally {
      await store.close();
    }
  });

  it('fails at once, with one error and exit code 4, when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = await candorServe(dataDir, ['--port', String(port), '--workers', '2']);
      const { code, stdout } = await run.exited;
      expect(code).toBe(4);
      expect(stdout.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(stdout)).toMatchObject({ exitCode: 4, error: expect.stringMatching(/EADDRINUSE/) });
    } finally {
      blocker.close();
    }
  });
});

describe('candor serve (one process)', () => {
  it('names no worker in its answers', async () => {
    const dataDir = tempDir('candor-single-');
    const served = await candorServe(dataDir, ['--port', '0']);
    try {
      const answer = await fresh(`${served.result.url as string}/healthz`);
      expect(answer.status).toBe(200);
      expect(answer.worker).toBeUndefined();
    } finally {
      served.child.kill('SIGTERM');
      expect((await served.exited).code).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
