import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadOrCreateSecret } from '../src/privacy/secret-file.js';
import { AuthService } from '../src/server/auth/auth-service.js';
import { openStore } from '../src/store/open-store.js';
import { throwawayPostgresDatabase } from '../test/support/test-stores.js';
import { machine, scratchDir } from './bench-support.js';
import { runCandor } from './cli-process.js';
import { spawnJsonChild } from '../test/support/json-child.js';

/**
 * `npm run bench -- serve`: GET /v1/recommendations through the whole serving pipeline (access control,
 * history, model scoring, filters, explanations, a decision record and an audit entry per response,
 * group-committed) on loopback, against a data folder at MovieLens-100K scale built with the project's
 * own generator (1,682 items, 943 viewers, EASE as production). Servers, each in its own process:
 * `candor serve` (one process), `candor serve --workers <cores>`, and a bare Fastify hello-world as the
 * ceiling of this machine; the same two candor servers on PostgreSQL when CANDOR_BENCH_POSTGRES_URL is
 * set. The load runs in a process of its own. Each server is warmed up, then measured
 *
 * - saturated: autocannon, closed loop, CONNECTIONS connections: the most it answers per second;
 * - paced: an open-loop client sending at a fixed rate (the goal's 2,000 req/s, and half the saturated
 *   rate), latency counted from when each request was due, so a stalled server is not hidden by a
 *   load generator that waits for it (autocannon's own rate option sends each second's budget in one
 *   burst, which measures bursts, not the rate). Each paced client first sends at its rate, unmeasured:
 *   with a new client process and new sockets, the first half second's latencies (up to 450 ms) made
 *   the run's p99, which long-lived front-end connections do not see.
 */

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');
const require = createRequire(import.meta.url);

const ITEMS = 1682;
const VIEWERS = 943;
const SIGNED_IN_VIEWERS = 100;
/** One request in this many goes out with a signed-in viewer's bearer token; the rest use the service key. */
const BEARER_EVERY = 10;
const CONNECTIONS = 32;
/** Sockets the paced client may open (it queues beyond them, and the wait counts as latency). */
const PACED_SOCKETS = 64;
const WARMUP_SECONDS = 4;
/** Each paced run first sends at its rate this long, unmeasured (its client and sockets are new). */
const PACED_WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 12;
const GOAL_RATE = 2000;
const GOAL_P99_MS = 15;
const PATH = '/v1/recommendations?limit=10';
const PASSWORD = 'bench password, long enough';

const LOAD_SCRIPT = `
import { readFileSync } from 'node:fs';
import http from 'node:http';
const autocannon = (await import(${JSON.stringify(pathToFileURL(require.resolve('autocannon')).href)})).default;
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pool = JSON.parse(readFileSync(spec.headersFile, 'utf8'));
let next = 0;
const started = process.cpuUsage();
let out;
if (!spec.rate) {
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    requests: [{
      method: 'GET',
      path: spec.path,
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...pool[next++ % pool.length] } }),
    }],
  });
  out = {
    reqPerSec: result.requests.mean,
    requests: result.requests.total,
    seconds: result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
} else {
  const target = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies = [];
  let non2xx = 0, errors = 0, outstanding = 0, sent = 0, answered = 0;
  const start = performance.now();
  // Paced first without recording, on the same sockets: the measured seconds start with warm connections
  // and a warm client, as a front end's long-lived keep-alive connections are.
  const recordFrom = start + (spec.pacedWarmup ?? 0) * 1000;
  const end = recordFrom + spec.duration * 1000;
  await new Promise((resolve) => {
    let stopping = false;
    const settle = () => { if (stopping && outstanding === 0) resolve(); };
    const send = (due) => {
      outstanding += 1;
      const request = http.request(
        { host: target.hostname, port: target.port, path: spec.path, agent, headers: pool[next++ % pool.length] },
        (response) => {
          response.resume();
          response.on('end', () => {
            answered += 1;
            if (due >= recordFrom) {
              latencies.push(performance.now() - due);
              if (response.statusCode < 200 || response.statusCode > 299) non2xx += 1;
            }
            outstanding -= 1;
            settle();
          });
        },
      );
      request.on('error', () => { errors += 1; outstanding -= 1; settle(); });
      request.end();
    };
    const tick = () => {
      const now = performance.now();
      const due = Math.floor(((Math.min(now, end) - start) / 1000) * spec.rate);
      while (sent < due) send(start + (sent++ * 1000) / spec.rate);
      if (now >= end) { stopping = true; settle(); return; }
      setTimeout(tick, 1);
    };
    tick();
  });
  const seconds = (performance.now() - recordFrom) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1));
  agent.destroy();
  out = {
    offeredReqPerSec: spec.rate,
    // Answers over the time they took: past its capacity the server drains the backlog after the offer ends.
    reqPerSec: latencies.length / ((performance.now() - recordFrom) / 1000),
    requests: latencies.length,
    seconds,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
    non2xx,
    errors,
    timeouts: 0,
    // With the unmeasured warm-up: what the server's CPU time is divided by.
    allRequests: answered,
    allSeconds: (performance.now() - start) / 1000,
  };
}
const cpu = process.cpuUsage(started);
process.stdout.write(JSON.stringify({ ...out, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

const HELLO_SCRIPT = `
const Fastify = (await import(${JSON.stringify(pathToFileURL(require.resolve('fastify')).href)})).default;
const app = Fastify({ logger: false });
app.get('/v1/recommendations', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(JSON.stringify({ url: 'http://127.0.0.1:' + app.server.address().port }) + '\\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

interface Server {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

async function startServer(command: string[], env: Record<string, string> = {}): Promise<Server> {
  const { child, firstLine, exited, stderr } = spawnJsonChild(command, {
    env: { CANDOR_LOG_LEVEL: 'warn', ...env },
  });
  const url = (await firstLine).url as string;
  return {
    child,
    url,
    stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time (ms) used so far by a process and its children (cluster workers), from /proc (Linux). */
function cpuMsOf(pid: number): number | null {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const ticks = (p: number) => {
    try {
      // utime and stime: fields 14 and 15 of stat, counted here after "pid (comm) ".
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  // Clock ticks of 10 ms (USER_HZ = 100 on Linux).
  return [pid, ...children].reduce((sum, p) => sum + ticks(p), 0) * 10;
}

interface LoadResult {
  offeredReqPerSec?: number;
  reqPerSec: number;
  requests: number;
  seconds: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  cpuMs: number;
  /** Paced runs: every answer and the whole run's seconds, the unmeasured warm-up included. */
  allRequests?: number;
  allSeconds?: number;
}

interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  /** Paced (open loop) at this many requests per second; autocannon flat out when absent. */
  rate?: number;
  /** Paced only: seconds sent at the rate before the measured `duration`, not counted. */
  pacedWarmup?: number;
}

async function load(scratch: string, server: Server, spec: LoadSpec, headersFile: string) {
  const specFile = join(scratch, 'load-spec.json');
  writeFileSync(specFile, JSON.stringify({ ...spec, path: PATH, headersFile }));
  const scriptFile = join(scratch, 'load.mjs');
  writeFileSync(scriptFile, LOAD_SCRIPT);
  const serverCpuBefore = cpuMsOf(server.child.pid as number);
  const child = spawn(process.execPath, [scriptFile, specFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const serverCpuAfter = cpuMsOf(server.child.pid as number);
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  const { cpuMs, seconds, allRequests, allSeconds, ...result } = JSON.parse(out) as LoadResult;
  const servedRequests = allRequests ?? result.requests;
  const servedSeconds = allSeconds ?? seconds;
  const serverCpuMs =
    serverCpuBefore === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpuBefore;
  return {
    tool: spec.rate ? 'paced open-loop client' : 'autocannon',
    connections: spec.connections,
    ...result,
    reqPerSec: Math.round(result.reqPerSec),
    serverCpuCores: serverCpuMs === null ? null : Number((serverCpuMs / 1000 / servedSeconds).toFixed(2)),
    serverCpuUsPerRequest:
      serverCpuMs === null || servedRequests === 0 ? null : Math.round((serverCpuMs * 1000) / servedRequests),
    loadGeneratorCpuCores: Number((cpuMs / 1000 / servedSeconds).toFixed(2)),
  };
}

/** Warm up; measure flat out; then paced at the goal's rate and at half what it answered flat out. */
async function measure(scratch: string, server: Server, headersFile: string) {
  const url = server.url;
  await load(scratch, server, { url, connections: CONNECTIONS, duration: WARMUP_SECONDS }, headersFile);
  const saturated = await load(
    scratch,
    server,
    { url, connections: CONNECTIONS, duration: MEASURE_SECONDS },
    headersFile,
  );
  const pacedAtGoal = await load(
    scratch,
    server,
    {
      url,
      connections: PACED_SOCKETS,
      duration: MEASURE_SECONDS,
      rate: GOAL_RATE,
      pacedWarmup: PACED_WARMUP_SECONDS,
    },
    headersFile,
  );
  const half = Math.max(50, Math.round(saturated.reqPerSec / 2 / 50) * 50);
  const pacedAtHalf =
    half < GOAL_RATE
      ? await load(
          scratch,
          server,
          {
            url,
            connections: PACED_SOCKETS,
            duration: MEASURE_SECONDS,
            rate: half,
            pacedWarmup: PACED_WARMUP_SECONDS,
          },
          headersFile,
        )
      : undefined;
  return { saturated, pacedAtGoal, ...(pacedAtHalf ? { pacedAtHalfSaturated: pacedAtHalf } : {}) };
}

/** A service key for all viewers, and bearer tokens for some signed-in viewers, as request headers. */
export async function credentials(
  dataDir: string,
  databaseUrl?: string,
): Promise<{ headers: Record<string, string>[]; subjects: number }> {
  const store = await openStore({ dataDir, databaseUrl });
  try {
    const auth = new AuthService(store, loadOrCreateSecret(dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET'), {
      sessionTtlSeconds: 4 * 3600,
      bearerTtlSeconds: 3600,
    });
    const { key } = await auth.createApiKey({
      name: 'bench front end',
      roles: ['service'],
      createdBy: 'bench',
    });
    const subjects = await store.db.selectFrom('subjects').select('id').orderBy('key').execute();
    const bearers: string[] = [];
    for (const [i, subject] of subjects.slice(0, SIGNED_IN_VIEWERS).entries()) {
      const username = `bench-viewer-${i}`;
      await auth.createAccount({ username, password: PASSWORD, roles: ['viewer'], subjectId: subject.id });
      bearers.push((await auth.signIn(username, PASSWORD)).bearer.token);
    }
    const headers: Record<string, string>[] = [];
    let bearer = 0;
    for (const [i, subject] of subjects.entries()) {
      if (i % BEARER_EVERY === 0 && bearers.length > 0) {
        headers.push({ authorization: `Bearer ${bearers[bearer++ % bearers.length] as string}` });
      }
      headers.push({ authorization: `Bearer ${key}`, 'candor-subject': subject.id });
    }
    return { headers, subjects: subjects.length };
  } finally {
    await store.close();
  }
}

/** Generates and imports the catalog, trains EASE as production, writes candor.json and the request headers. */
async function prepare(dataDir: string, scratch: string, env: Record<string, string>) {
  const generated = runCandor(
    [
      '--data-dir',
      dataDir,
      'generate',
      '--items',
      String(ITEMS),
      '--viewers',
      String(VIEWERS),
      '--seed',
      '7',
    ],
    env,
  );
  const trained = runCandor(
    ['--data-dir', dataDir, 'train', '--algo', 'ease', '--from-store', '--production'],
    env,
  );
  writeFileSync(
    join(dataDir, 'candor.json'),
    JSON.stringify({
      log: { level: 'warn' },
      // Limits hold per key per process; the bench measures the service, not the limiter's refusals.
      rateLimit: { perMinute: 10_000_000, servicePerMinute: 100_000_000 },
    }),
  );
  const { headers, subjects } = await credentials(dataDir, env.CANDOR_DATABASE_URL);
  const headersFile = join(scratch, `headers-${Math.random().toString(36).slice(2, 8)}.json`);
  writeFileSync(headersFile, JSON.stringify(headers));
  const data = trained.result.data as { events: number; viewers: number; items: number };
  return { headersFile, subjects, data, generateSeconds: Number(generated.seconds.toFixed(2)) };
}

export async function run(): Promise<Record<string, unknown>> {
  const scratch = scratchDir('serve-load');
  const cores = availableParallelism();
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(scratch, { recursive: true, force: true })];
  try {
    const helloFile = join(scratch, 'hello.mjs');
    writeFileSync(helloFile, HELLO_SCRIPT);
    const sqliteDir = scratchDir('serve');
    cleanups.push(() => rmSync(sqliteDir, { recursive: true, force: true }));
    const sqlite = await prepare(sqliteDir, scratch, {});
    const serve = (dataDir: string, workers: number) => [
      BIN,
      '--json',
      '--data-dir',
      dataDir,
      'serve',
      '--port',
      '0',
      ...(workers > 1 ? ['--workers', String(workers)] : []),
    ];
    const configurations: {
      name: string;
      command: string[];
      env: Record<string, string>;
      headersFile: string;
    }[] = [
      {
        name: 'candor sqlite, one process',
        command: serve(sqliteDir, 1),
        env: {},
        headersFile: sqlite.headersFile,
      },
      {
        name: `candor sqlite, --workers ${cores}`,
        command: serve(sqliteDir, cores),
        env: {},
        headersFile: sqlite.headersFile,
      },
    ];
    const postgresServer = process.env.CANDOR_BENCH_POSTGRES_URL;
    if (postgresServer) {
      const database = await throwawayPostgresDatabase(postgresServer, 'candor_bench_serve');
      cleanups.push(() => database.drop());
      const pgDir = scratchDir('serve-pg');
      cleanups.push(() => rmSync(pgDir, { recursive: true, force: true }));
      const env = { CANDOR_DATABASE_URL: database.url };
      const prepared = await prepare(pgDir, scratch, env);
      configurations.push(
        {
          name: 'candor postgres, one process',
          command: serve(pgDir, 1),
          env,
          headersFile: prepared.headersFile,
        },
        {
          name: `candor postgres, --workers ${cores}`,
          command: serve(pgDir, cores),
          env,
          headersFile: prepared.headersFile,
        },
      );
    }
    configurations.push({
      name: 'fastify hello-world, one process',
      command: [helloFile],
      env: {},
      headersFile: sqlite.headersFile,
    });

    const results: Record<string, Record<string, unknown>> = {};
    for (const { name, command, env, headersFile } of configurations) {
      const server = await startServer(command, env);
      try {
        // One request by hand first: the route answers 200.
        const headers = (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>[])[1];
        const probe = await fetch(`${server.url}${PATH}`, { headers });
        if (probe.status !== 200)
          throw new Error(`${name}: probe answered ${probe.status}: ${await probe.text()}`);
        results[name] = await measure(scratch, server, headersFile);
      } finally {
        await server.stop();
      }
      const stderr = server.stderr().trim();
      if (stderr) (results[name] as Record<string, unknown>).serverStderr = stderr.slice(0, 2000);
    }

    type Measured = {
      saturated: { reqPerSec: number; non2xx: number };
      pacedAtGoal: { reqPerSec: number; latencyMs: { p99: number }; non2xx: number; errors: number };
    };
    const meets = (m: Measured | undefined) =>
      m !== undefined &&
      m.saturated.reqPerSec >= GOAL_RATE &&
      m.pacedAtGoal.reqPerSec >= GOAL_RATE * 0.98 &&
      m.pacedAtGoal.latencyMs.p99 <= GOAL_P99_MS &&
      m.pacedAtGoal.non2xx === 0 &&
      m.pacedAtGoal.errors === 0;
    return {
      command: 'npm run bench -- serve',
      goal: '>= 2,000 req/s with p99 <= 15 ms on two cores for GET /v1/recommendations',
      goalMet: meets(results[`candor sqlite, --workers ${cores}`] as Measured | undefined),
      ...(postgresServer
        ? { goalMetOnPostgres: meets(results[`candor postgres, --workers ${cores}`] as Measured | undefined) }
        : {}),
      workload: {
        request: `GET ${PATH}`,
        pipeline:
          'access control, history, EASE scoring, filters, explanations; a decision record and an audit entry per response',
        callers: `a service key naming one of ${sqlite.subjects} viewers per request (Candor-Subject rotated), and every ${BEARER_EVERY}th request a bearer token of one of ${SIGNED_IN_VIEWERS} signed-in viewers`,
        connections: CONNECTIONS,
        pacedSockets: PACED_SOCKETS,
        warmupSeconds: WARMUP_SECONDS,
        pacedWarmupSeconds: PACED_WARMUP_SECONDS,
        measureSeconds: MEASURE_SECONDS,
        logLevel: 'warn',
      },
      data: { ...sqlite.data, generateSeconds: sqlite.generateSeconds },
      results,
      note:
        `The load generator, the servers and the bench share this machine's ${cores} cores: the generator's own CPU ` +
        '(loadGeneratorCpuCores) is taken from the server, so these numbers understate a server with the cores to itself. ' +
        'saturated = autocannon closed loop, as fast as answers come (latency there is mostly queueing: connections / rate); ' +
        `pacedAtGoal = 2,000 req/s offered by an open-loop client (after ${PACED_WARMUP_SECONDS} s at the same rate on the same sockets, not measured), latency from when each request was due: where the goal is read.`,
      machine: machine(),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
