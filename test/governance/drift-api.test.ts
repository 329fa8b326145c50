import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, DriftReport } from '../../src/governance/monitoring/drift-report.js';
import { parseServingPolicy } from '../../src/config/serving-policy.js';
import { MONITORING_ACTOR } from '../../src/governance/monitoring/drift.js';
import type { ApiApp } from '../../src/server/api-context.js';
import { scheduleDrift } from '../../src/server/monitoring-schedule.js';
import { storeFactories } from '../support/test-stores.js';
import { type ApiHarness, apiHarness } from '../support/api-harness.js';
import { call, countRows, expectProblem, serviceFor } from '../server/api-helpers.js';

/**
 * Drift monitoring end to end: synthetic traffic posted through the events API, a drift run on demand,
 * the alert in the table, the audit log and a real webhook (a local HTTP server), and /metrics.
 * The steps share one harness and run in order: unshifted traffic first, then shifted traffic on top.
 */

const WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

interface DriftRun {
  report: DriftReport;
  alerts: Alert[];
}

class Webhook {
  received: { alert: Alert & { detail: Record<string, unknown> }; source: string }[] = [];
  status = 200;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        if (request.method === 'POST' && request.headers['content-type'] === 'application/json')
          this.received.push(JSON.parse(body));
        response.statusCode = this.status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/candor`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe.each(storeFactories)('drift monitoring over HTTP on %s', (_store, factory) => {
  let h: ApiHarness;
  const webhook = new Webhook();
  let keyCounter = 0;

  beforeAll(async () => {
    const url = await webhook.start();
    h = await apiHarness({
      factory,
      config: { alerts: { webhookUrl: url, webhookTimeoutMs: 2_000 } },
      policy: { monitoring: { drift: { windowDays: WINDOW_DAYS, minEvents: 100, intervalHours: 0 } } },
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await webhook.close();
  });

  const runDrift = async (body: Record<string, unknown> = {}) => {
    const response = await call(h, 'POST', '/v1/admin/monitoring/drift', h.staff.analyst, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as DriftRun;
  };

  /** Posts events for several viewers through the service key, one batch per viewer. */
  const post = async (events: { subjectId: string; itemId: string; occurredAt: string }[]) => {
    const bySubject = new Map<string, typeof events>();
    for (const event of events)
      bySubject.set(event.subjectId, [...(bySubject.get(event.subjectId) ?? []), event]);
    for (const [subjectId, mine] of bySubject) {
      for (let at = 0; at < mine.length; at += 500) {
        const response = await call(h, 'POST', '/v1/events', serviceFor(h, subjectId), {
          events: mine.slice(at, at + 500).map((event) => ({
            idempotencyKey: `drift-test-${(keyCounter += 1)}`,
            itemId: event.itemId,
            kind: 'view',
            occurredAt: event.occurredAt,
          })),
        });
        expect(response.statusCode, response.body).toBe(200);
      }
    }
  };

  it('raises no drift alert on traffic drawn like the training data', async () => {
    // Replay the last window of the training data, moved in time to end an hour ago: the same viewers,
    // items and rhythm, so every interaction distribution should match the snapshot's.
    const db = h.t.store.db;
    const last = await db
      .selectFrom('interactions')
      .select((eb) => eb.fn.max('occurred_at').as('at'))
      .executeTakeFirstOrThrow();
    const lastAt = Date.parse(String(last.at));
    const shift = Date.now() - 3_600_000 - lastAt;
    const replay = await db
      .selectFrom('interactions')
      .innerJoin('subjects', 'subjects.key', 'interactions.subject_key')
      .innerJoin('items', 'items.key', 'interactions.item_key')
      .select(['subjects.id as subjectId', 'items.id as itemId', 'interactions.occurred_at as occurredAt'])
      .where('interactions.occurred_at', '>', new Date(lastAt - WINDOW_DAYS * DAY_MS).toISOString())
      .execute();
    expect(replay.length).toBeGreaterThanOrEqual(100);
    await post(
      replay.map((e) => ({ ...e, occurredAt: new Date(Date.parse(e.occurredAt) + shift).toISOString() })),
    );

    const run = await runDrift();
    const byName = Object.fromEntries(run.report.distributions.map((d) => [d.name, d]));
    expect(run.report.baseline).toMatchObject({
      kind: 'training-snapshot',
      modelId: h.built.context.serving.model?.manifest.id,
    });
    expect(run.report.recentEvents).toBe(replay.length);
    for (const name of ['genre_mix', 'popularity', 'activity']) expect(byName[name]?.status, name).toBe('ok');
    // No list was served in the window: nothing to compare, and said so.
    expect(byName.served_genre_mix?.status).toBe('skipped');
    expect(run.report.fairness.status).toBe('skipped');
    expect(run.alerts).toEqual([]);
    expect(webhook.received).toEqual([]);
  }, 60_000);

  let shifted: DriftRun;

  it('raises a drift alert on traffic shifted to one genre, stored, audited and sent to the webhook', async () => {
    const db = h.t.store.db;
    // The genre the training data watched least (with a few items), and its items: a sudden craze.
    const genres = await db
      .selectFrom('item_genres')
      .innerJoin('items', 'items.id', 'item_genres.item_id')
      .leftJoin('interactions', 'interactions.item_key', 'items.key')
      .select((eb) => ['item_genres.genre_id as genre', eb.fn.count('interactions.seq').as('events')])
      .groupBy('item_genres.genre_id')
      .having((eb) => eb.fn.count('item_genres.item_id').distinct(), '>=', 3)
      .orderBy('events')
      .execute();
    const genre = String(genres[0]?.genre);
    const items = (
      await db.selectFrom('item_genres').select('item_id').where('genre_id', '=', genre).execute()
    ).map((row) => row.item_id);
    const subjects = (await db.selectFrom('subjects').select('id').orderBy('key').execute()).map((s) => s.id);
    await post(
      Array.from({ length: 400 }, (_, n) => ({
        subjectId: subjects[n % subjects.length] as string,
        itemId: items[n % items.length] as string,
        occurredAt: new Date(Date.now() - (n + 1) * 60_000).toISOString(),
      })),
    );

    const auditBefore = await countRows(h, 'audit_log', ['action', 'monitoring.alert']);
    shifted = await runDrift({ windowDays: WINDOW_DAYS });
    const genreMix = shifted.report.distributions.find((d) => d.name === 'genre_mix');
    expect(genreMix?.status).toBe('drift');
    expect(genreMix?.bins.find((bin) => bin.key === genre)?.recent).toBeGreaterThan(
      (genreMix?.bins.find((bin) => bin.key === genre)?.baseline ?? 1) * 3,
    );
    const alert = shifted.alerts.find((a) => a.kind === 'drift' && a.detail.distribution === 'genre_mix');
    expect(alert).toMatchObject({ sourceId: shifted.report.id, delivery: 'delivered', deliveryError: null });
    expect(alert?.value).toBeGreaterThanOrEqual(alert?.threshold ?? Infinity);
    expect(shifted.report.alertIds).toEqual(shifted.alerts.map((a) => a.id));

    // Stored, with its delivery written back.
    const row = await db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', alert?.id as string)
      .executeTakeFirst();
    expect(row).toMatchObject({ kind: 'drift', delivery: 'delivered', source_id: shifted.report.id });
    expect(await countRows(h, 'drift_reports', ['id', shifted.report.id])).toBe(1);
    // One audit event per alert, naming who ran the check.
    expect(await countRows(h, 'audit_log', ['action', 'monitoring.alert'])).toBe(
      auditBefore + shifted.alerts.length,
    );
    const audited = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'monitoring.alert')
      .where('target', '=', alert?.id as string)
      .executeTakeFirstOrThrow();
    expect(audited.actor).toBe(`account:${h.staff.analyst.accountId}`);
    // The webhook got each alert, without anything about a viewer.
    expect(webhook.received.map((r) => r.alert.id).sort()).toEqual(shifted.alerts.map((a) => a.id).sort());
    expect(webhook.received[0]?.source).toBe('candor');
    const sent = JSON.stringify(webhook.received);
    for (const subjectId of subjects) expect(sent).not.toContain(subjectId);
  }, 60_000);

  it('lists reports and alerts for monitoring:read, newest first', async () => {
    const alerts = await call(h, 'GET', '/v1/admin/monitoring/alerts?limit=5', h.staff.auditor);
    expect(alerts.statusCode).toBe(200);
    const listed = (alerts.json() as { alerts: Alert[] }).alerts;
    expect(listed.map((a) => a.id).sort()).toEqual(shifted.alerts.map((a) => a.id).sort());
    expect(listed.every((a) => a.delivery === 'delivered')).toBe(true);
    const reports = await call(h, 'GET', '/v1/admin/monitoring/drift?limit=2', h.staff.auditor);
    expect(reports.statusCode).toBe(200);
    const stored = (reports.json() as { reports: DriftReport[] }).reports;
    expect(stored.map((r) => r.id)).toEqual([shifted.report.id, expect.any(String)]);
    expect(stored[0]).toEqual(shifted.report);
  });

  it('records a failing webhook as failed and still completes the run', async () => {
    webhook.status = 500;
    try {
      const before = await countRows(h, 'drift_reports');
      // No body at all is the same as {}: the policy's window.
      const response = await call(h, 'POST', '/v1/admin/monitoring/drift', h.staff.admin);
      expect(response.statusCode, response.body).toBe(200);
      const run = response.json() as DriftRun;
      expect(run.report.window.days).toBe(WINDOW_DAYS);
      expect(run.alerts.length).toBeGreaterThan(0);
      for (const alert of run.alerts)
        expect(alert).toMatchObject({ delivery: 'failed', deliveryError: 'HTTP 500' });
      expect(await countRows(h, 'drift_reports')).toBe(before + 1);
      const stored = await h.t.store.db
        .selectFrom('alerts')
        .select(['delivery', 'delivery_error'])
        .where('source_id', '=', run.report.id)
        .execute();
      expect(stored).toEqual(run.alerts.map(() => ({ delivery: 'failed', delivery_error: 'HTTP 500' })));
    } finally {
      webhook.status = 200;
    }
  }, 60_000);

  it('refuses bad input with a problem naming the field, and writes nothing', async () => {
    const before = await countRows(h, 'drift_reports');
    expectProblem(
      await call(h, 'POST', '/v1/admin/monitoring/drift', h.staff.admin, { windowDays: 0 }),
      400,
      'windowDays',
    );
    expectProblem(
      await call(h, 'POST', '/v1/admin/monitoring/drift', h.staff.admin, { windowDays: 'week' }),
      400,
      'windowDays',
    );
    expectProblem(await call(h, 'GET', '/v1/admin/monitoring/alerts?limit=0', h.staff.admin), 400, 'limit');
    // Auditors read reports but do not run them.
    expect((await call(h, 'POST', '/v1/admin/monitoring/drift', h.staff.auditor, {})).statusCode).toBe(403);
    expect(await countRows(h, 'drift_reports')).toBe(before);
  });

  it('exposes request, safety, consent, model, alert and drift metrics to an analyst', async () => {
    // One search: a safety decision on the search surface.
    expect((await call(h, 'GET', '/v1/items?query=space', h.staff.analyst)).statusCode).toBe(200);
    const response = await call(h, 'GET', '/metrics', h.staff.analyst);
    expect(response.statusCode).toBe(200);
    const text = response.body;
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    const model = h.built.context.serving.model?.manifest;
    expect(value(`candor_model_info{model_id="${model?.id}",algorithm="${model?.algorithm}"}`)).toBe(1);
    expect(
      value('candor_http_requests_total{route="/v1/events",method="POST",status_class="2xx"}'),
    ).toBeGreaterThan(0);
    expect(text).toContain('# TYPE candor_http_errors_total counter');
    expect(value('candor_safety_decisions_total{surface="search",action="allow"}')).toBeGreaterThanOrEqual(1);

    const consents = h.built.context.consents;
    const subjects = await countRows(h, 'subjects');
    for (const purpose of ['personalization', 'demographics_for_fairness_audit']) {
      const expected = (await consents.grantedSubjects(purpose)).size / subjects;
      expect(value(`candor_consent_rate{purpose="${purpose}"}`), purpose).toBeCloseTo(expected, 9);
    }
    expect(value('candor_alerts_total{kind="drift"}')).toBe(await countRows(h, 'alerts', ['kind', 'drift']));
    const latest = (await call(h, 'GET', '/v1/admin/monitoring/drift?limit=1', h.staff.analyst)).json() as {
      reports: DriftReport[];
    };
    const genreMix = latest.reports[0]?.distributions.find((d) => d.name === 'genre_mix');
    expect(value('candor_drift_psi{distribution="genre_mix"}')).toBeCloseTo(genreMix?.psi as number, 9);
    expect(value('candor_drift_js{distribution="genre_mix"}')).toBeCloseTo(genreMix?.js as number, 9);
    // No label ever carries a subject.
    expect(text).not.toContain(h.viewer.subjectId);
    // Viewers and services have no metrics:read.
    expect((await call(h, 'GET', '/metrics', h.viewer)).statusCode).toBe(403);

    // A policy change brings a new safety gateway: its decisions are counted too.
    const gateway = h.built.context.safety;
    const change = await call(h, 'PUT', '/v1/admin/policy', h.staff.admin, {
      policy: {
        ranking: { poolSize: 150 },
        monitoring: { drift: { windowDays: WINDOW_DAYS, minEvents: 100, intervalHours: 0 } },
      },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect(h.built.context.safety).not.toBe(gateway);
    expect((await call(h, 'GET', '/v1/items?query=ocean', h.staff.analyst)).statusCode).toBe(200);
    const after = (await call(h, 'GET', '/metrics', h.staff.analyst)).body;
    expect(after).toContain('candor_safety_decisions_total{surface="search",action="allow"} 2');
  });

  it('runs on the schedule when no report is younger than the interval, as system:monitoring', async () => {
    const hooks: (() => Promise<void>)[] = [];
    const logged: string[] = [];
    const app = {
      log: {
        info: (_fields: unknown, message: string) => logged.push(message),
        warn: (_fields: unknown, message: string) => logged.push(message),
        error: (_fields: unknown, message: string) => logged.push(`error: ${message}`),
      },
      addHook: (_name: 'onClose', hook: () => Promise<void>) => hooks.push(hook),
    } as unknown as ApiApp;
    const hourly = parseServingPolicy({
      monitoring: { drift: { intervalHours: 1, windowDays: WINDOW_DAYS } },
    });
    const reports = () => countRows(h, 'drift_reports');
    const scheduled = async (hoursAhead: number) => {
      const ctx = {
        ...h.built.context,
        policy: hourly,
        clock: () => new Date(Date.now() + hoursAhead * 3_600_000),
      };
      const before = await reports();
      scheduleDrift(app, ctx, { tickMs: 20 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const hook of hooks.splice(0)) await hook();
      return (await reports()) - before;
    };
    // A report was made minutes ago: not due.
    expect(await scheduled(0)).toBe(0);
    // Two hours on, it is due once; later ticks find the new report and wait.
    expect(await scheduled(2)).toBe(1);
    const latest = await h.t.store.db
      .selectFrom('drift_reports')
      .select('report')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(latest.report).ranBy).toBe(MONITORING_ACTOR);
    expect(logged).toContain('drift run');
    expect(logged.filter((m) => m.startsWith('error'))).toEqual([]);
  }, 30_000);
});
