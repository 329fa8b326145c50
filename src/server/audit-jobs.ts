import { randomUUID } from 'node:crypto';
import type { AuditOptions, AuditReport } from '../evaluate/audit/run-audit.js';
import { runAudit } from '../evaluate/audit/run-audit.js';
import { readStoreAuditDataset } from '../evaluate/audit/store-audit-dataset.js';
import type { Store } from '../store/open-store.js';

export interface AuditJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  options: Omit<AuditOptions, 'context'>;
  report: AuditReport | null;
  error: string | null;
}

/**
 * Audits over the service's own data, run one at a time in the background of the server process (the
 * model fit runs in a worker thread; reading, scoring and bootstrapping interleave with requests). The
 * last few jobs are kept in memory; an audit is a snapshot, re-run it for fresh figures.
 */
export class AuditJobs {
  private readonly jobs = new Map<string, AuditJob>();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly keep = 20,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts an audit; null when one is already running. */
  start(options: AuditJob['options']): AuditJob | null {
    if (this.running) return null;
    const job: AuditJob = {
      id: randomUUID(),
      status: 'running',
      startedAt: this.clock().toISOString(),
      finishedAt: null,
      options,
      report: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > this.keep) this.jobs.delete(this.jobs.keys().next().value as string);
    this.running = (async () => {
      try {
        job.report = await runAudit(await readStoreAuditDataset(this.store), options);
        job.status = 'done';
      } catch (error) {
        job.status = 'failed';
        job.error = (error as Error).message;
      } finally {
        job.finishedAt = this.clock().toISOString();
        this.running = null;
      }
    })();
    return job;
  }

  get(id: string): AuditJob | undefined {
    return this.jobs.get(id);
  }

  list(): AuditJob[] {
    return [...this.jobs.values()].reverse();
  }

  /** Waits for the running audit, if any (before the store closes). */
  async idle(): Promise<void> {
    await this.running;
  }
}
