import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { AlertSink, type AlertInput, type WebhookTarget } from '../../src/governance/monitoring/alerts.js';
import { listAlerts } from '../../src/governance/monitoring/monitoring-reads.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';

const INPUT: AlertInput = {
  kind: 'drift',
  severity: 'warning',
  metric: 'genre_mix.psi',
  value: 0.31,
  threshold: 0.2,
  detail: { distribution: 'genre_mix' },
  sourceId: 'report-1',
};

/** A webhook that answers with `status`, or never answers when `hang` is set. */
async function webhookServer(behaviour: { status?: number; hang?: boolean }) {
  const bodies: unknown[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      if (behaviour.hang) return;
      response.statusCode = behaviour.status ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alert?token=secret-token`;
  return {
    url,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: a server bound and closed again. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/alert`;
}

describe('alert sink', () => {
  let t: TestStore;
  let audit: AuditLog;
  const closers: (() => Promise<void>)[] = [];
  let warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const log = {
    warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }),
  };

  beforeAll(async () => {
    t = await sqliteTestStore();
    audit = new AuditLog(t.store);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    warnings = [];
  });
  afterAll(async () => {
    await audit.close();
    await t.dispose();
  });

  const sink = (webhook?: WebhookTarget) => new AlertSink({ db: t.store.db, audit, log, webhook });
  const auditedAlert = async (id: string) => {
    await audit.flush();
    return t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'monitoring.alert')
      .where('target', '=', id)
      .execute();
  };

  it('stores, logs, audits and delivers an alert to the webhook', async () => {
    const hook = await webhookServer({ status: 204 });
    closers.push(hook.close);
    const [alert] = await sink({ url: hook.url, timeoutMs: 2_000 }).raise([INPUT], 'cli:tester');
    expect(alert).toMatchObject({ ...INPUT, delivery: 'delivered', deliveryError: null });
    expect(alert?.deliveredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(hook.bodies).toEqual([
      {
        source: 'candor',
        alert: expect.objectContaining({ id: alert?.id, metric: 'genre_mix.psi', value: 0.31 }),
      },
    ]);
    expect(warnings.map((w) => w.message)).toEqual(['monitoring alert']);
    expect(warnings[0]?.fields.alert).toMatchObject({ id: alert?.id, kind: 'drift' });
    const entries = await auditedAlert(alert?.id as string);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'cli:tester', outcome: 'success', subject: null });
    expect(JSON.parse(entries[0]?.detail as string)).toMatchObject({
      kind: 'drift',
      metric: 'genre_mix.psi',
    });
    const [stored] = await listAlerts(t.store.db, 1);
    expect(stored).toEqual(alert);
  });

  it('records a webhook answering 500 as failed, without throwing', async () => {
    const hook = await webhookServer({ status: 500 });
    closers.push(hook.close);
    const [alert] = await sink({ url: hook.url, timeoutMs: 2_000 }).raise([INPUT], 'system:monitoring');
    expect(alert).toMatchObject({ delivery: 'failed', deliveredAt: null, deliveryError: 'HTTP 500' });
    expect((await listAlerts(t.store.db, 1))[0]).toMatchObject({ id: alert?.id, delivery: 'failed' });
    expect(warnings.map((w) => w.message)).toEqual(['monitoring alert', 'alert webhook failed']);
    expect(await auditedAlert(alert?.id as string)).toHaveLength(1);
  });

  it('records an unreachable webhook as failed, naming the cause but not the URL', async () => {
    const url = await deadUrl();
    const [alert] = await sink({ url, timeoutMs: 2_000 }).raise([INPUT], 'system:monitoring');
    expect(alert?.delivery).toBe('failed');
    expect(alert?.deliveryError).toMatch(/ECONNREFUSED/);
    expect(alert?.deliveryError).not.toContain('127.0.0.1');
  });

  it('gives up on a webhook that does not answer within the timeout', async () => {
    const hook = await webhookServer({ hang: true });
    closers.push(hook.close);
    const started = Date.now();
    const alerts = await sink({ url: hook.url, timeoutMs: 200 }).raise(
      [INPUT, { ...INPUT, metric: 'activity.js' }],
      'x:y',
    );
    // Both alerts wait on the same timeout, in parallel.
    expect(Date.now() - started).toBeLessThan(1_500);
    for (const alert of alerts)
      expect(alert).toMatchObject({ delivery: 'failed', deliveryError: 'timed out' });
    for (const w of warnings) expect(JSON.stringify(w.fields)).not.toContain('secret-token');
  });

  it('records not-configured when no webhook is set, and still logs and audits', async () => {
    const [alert] = await sink().raise(
      [{ ...INPUT, kind: 'fairness', metric: 'exposure_ratio.underrepresented' }],
      'x:y',
    );
    expect(alert).toMatchObject({ kind: 'fairness', delivery: 'not-configured', deliveryError: null });
    expect((await listAlerts(t.store.db, 1))[0]).toEqual(alert);
    expect(warnings).toHaveLength(1);
    expect(await auditedAlert(alert?.id as string)).toHaveLength(1);
  });
});
