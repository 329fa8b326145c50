import type { Kysely } from 'kysely';
import type { AuditSink } from '../audit/audit-entry.js';
import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import type { Alert } from './drift-report.js';

/** The logger alerts are written to: pino's signature (the server's logger, or a stderr one in the CLI). */
export interface AlertLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface WebhookTarget {
  url: string;
  timeoutMs: number;
}

/** The webhook the config names (`alerts.webhookUrl`, env CANDOR_ALERT_WEBHOOK_URL), if any. */
export function alertWebhookOf(alerts: {
  webhookUrl?: string | undefined;
  webhookTimeoutMs: number;
}): WebhookTarget | undefined {
  return alerts.webhookUrl ? { url: alerts.webhookUrl, timeoutMs: alerts.webhookTimeoutMs } : undefined;
}

export interface AlertSinkDeps {
  db: Kysely<Database>;
  audit: AuditSink;
  log: AlertLogger;
  /** Where alerts are POSTed as JSON; absent: delivery is recorded as `not-configured`. */
  webhook?: WebhookTarget | undefined;
  clock?: Clock;
  /** The global fetch unless a test passes another. */
  fetch?: typeof fetch;
}

/** What a check says when it raises an alert. `detail` holds aggregates only: no subject, no pseudonym. */
export type AlertInput = Pick<Alert, 'kind' | 'severity' | 'metric' | 'value' | 'threshold' | 'detail'> & {
  sourceId?: string | null;
};

/** Error text kept from a failed delivery: short, and never the URL (which may carry a token). */
const MAX_ERROR_LENGTH = 200;

/**
 * Where every alert goes: a row in `alerts`, a warning in the log, an audit event `monitoring.alert`,
 * and a POST to the configured webhook whose outcome is written back to the row. Storing is separate
 * from announcing so a caller can store alerts in the transaction that stores what raised them, and
 * announce them once that has committed. A webhook that fails or hangs is recorded, never thrown.
 */
export class AlertSink {
  private readonly clock: Clock;

  constructor(private readonly deps: AlertSinkDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** A new alert, not stored yet. */
  create(input: AlertInput): Alert {
    return {
      id: newId(),
      kind: input.kind,
      severity: input.severity,
      metric: input.metric,
      value: input.value,
      threshold: input.threshold,
      detail: input.detail,
      sourceId: input.sourceId ?? null,
      createdAt: this.clock().toISOString(),
      delivery: this.deps.webhook ? 'pending' : 'not-configured',
      deliveredAt: null,
      deliveryError: null,
    };
  }

  /** Inserts alerts, in the caller's transaction when one is given. */
  async store(alerts: readonly Alert[], db: Kysely<Database> = this.deps.db): Promise<void> {
    if (alerts.length === 0) return;
    await db
      .insertInto('alerts')
      .values(
        alerts.map((alert) => ({
          id: alert.id,
          kind: alert.kind,
          severity: alert.severity,
          metric: alert.metric,
          value: alert.value,
          threshold: alert.threshold,
          detail: JSON.stringify(alert.detail),
          source_id: alert.sourceId,
          created_at: alert.createdAt,
          delivery: alert.delivery,
          delivered_at: alert.deliveredAt,
          delivery_error: alert.deliveryError,
        })),
      )
      .execute();
  }

  /** Logs, audits and delivers stored alerts; returns them with their delivery outcome. */
  async announce(alerts: readonly Alert[], actor: string): Promise<Alert[]> {
    for (const alert of alerts) {
      this.deps.log.warn(
        {
          alert: {
            id: alert.id,
            kind: alert.kind,
            severity: alert.severity,
            metric: alert.metric,
            value: alert.value,
            threshold: alert.threshold,
            sourceId: alert.sourceId,
          },
        },
        'monitoring alert',
      );
      await this.deps.audit.append({
        actor,
        action: 'monitoring.alert',
        target: alert.id,
        outcome: 'success',
        detail: {
          kind: alert.kind,
          severity: alert.severity,
          metric: alert.metric,
          value: alert.value,
          threshold: alert.threshold,
          sourceId: alert.sourceId,
        },
      });
    }
    // In parallel: one hanging webhook call costs the timeout once, not once per alert.
    return Promise.all(alerts.map((alert) => this.deliver(alert)));
  }

  /** Creates, stores and announces alerts in one go (when nothing else needs storing with them). */
  async raise(inputs: readonly AlertInput[], actor: string): Promise<Alert[]> {
    const alerts = inputs.map((input) => this.create(input));
    await this.store(alerts);
    return this.announce(alerts, actor);
  }

  private async deliver(alert: Alert): Promise<Alert> {
    const webhook = this.deps.webhook;
    if (!webhook) return alert;
    let outcome: Pick<Alert, 'delivery' | 'deliveredAt' | 'deliveryError'>;
    try {
      const response = await (this.deps.fetch ?? fetch)(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'candor-monitoring' },
        body: JSON.stringify({ source: 'candor', alert: webhookBody(alert) }),
        signal: AbortSignal.timeout(webhook.timeoutMs),
        redirect: 'error',
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      outcome = response.ok
        ? { delivery: 'delivered', deliveredAt: this.clock().toISOString(), deliveryError: null }
        : { delivery: 'failed', deliveredAt: null, deliveryError: `HTTP ${response.status}` };
    } catch (error) {
      outcome = {
        delivery: 'failed',
        deliveredAt: null,
        deliveryError: describeFailure(error).replaceAll(webhook.url, '[webhook]'),
      };
    }
    if (outcome.delivery === 'failed') {
      this.deps.log.warn({ alertId: alert.id, error: outcome.deliveryError }, 'alert webhook failed');
    }
    try {
      await this.deps.db
        .updateTable('alerts')
        .set({
          delivery: outcome.delivery,
          delivered_at: outcome.deliveredAt,
          delivery_error: outcome.deliveryError,
        })
        .where('id', '=', alert.id)
        .execute();
    } catch (error) {
      // The alert itself is stored, logged and audited; only its delivery status is stale.
      this.deps.log.warn({ alertId: alert.id, err: error }, 'could not record alert delivery');
    }
    return { ...alert, ...outcome };
  }
}

/** What the webhook receives: the alert as stored, delivery fields aside. */
function webhookBody(alert: Alert) {
  return {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    metric: alert.metric,
    value: alert.value,
    threshold: alert.threshold,
    detail: alert.detail,
    sourceId: alert.sourceId,
    createdAt: alert.createdAt,
  };
}

/** The failure without the URL: a timeout, or the network error's code (ECONNREFUSED, ENOTFOUND). */
function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return (code ? `${message}: ${code}` : message).slice(0, MAX_ERROR_LENGTH);
}
