import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { type GateReport, gateReportSchema } from '../../src/governance/registry/gate-report.js';
import { newId } from '../../src/store/ids.js';
import type { Database } from '../../src/store/schema.js';

/**
 * Rows the governance, privacy and safety parts of the scorecard read, written straight into the
 * tables (the modules that normally write them are not under test here).
 */

export interface Signer {
  role: string;
  accountId: string;
}

/** A passing gate report for the model, and one sign-off per signer. */
export async function insertGate(
  db: Kysely<Database>,
  modelId: string,
  signers: readonly Signer[],
  at = new Date().toISOString(),
): Promise<GateReport> {
  const report = gateReportSchema.parse({
    id: newId(),
    modelId,
    baselineId: null,
    policyVersion: 'test-policy',
    protocol: { split: 'stratified:0.75', seed: 42, k: 10 },
    createdAt: at,
    requestedBy: 'account:test',
    passed: true,
    candidate: { metrics: { 'ndcg@10': 0.2345, 'recall@10': 0.3456 } },
    baseline: null,
    checks: [
      {
        id: 'accuracy-relative',
        label: 'nDCG@10 relative to production',
        value: null,
        threshold: 0.98,
        comparison: '>=',
        passed: true,
        skipped: 'nothing in production to compare with',
      },
      {
        id: 'catalog-safety',
        label: 'unsafe share of the most exposed items',
        value: 0,
        threshold: 0,
        comparison: '<=',
        passed: true,
        skipped: null,
      },
    ],
    failures: [],
    requiredSignoffs: signers.map((s) => s.role),
  });
  await db
    .insertInto('promotion_gates')
    .values({
      id: report.id,
      model_id: modelId,
      baseline_id: null,
      policy_version: report.policyVersion,
      passed: 1,
      report: JSON.stringify(report),
      requested_by: report.requestedBy,
      created_at: at,
    })
    .execute();
  for (const signer of signers) {
    await db
      .insertInto('signoffs')
      .values({
        id: newId(),
        gate_id: report.id,
        model_id: modelId,
        role: signer.role,
        account_id: signer.accountId,
        comment: `reviewed as ${signer.role}`,
        at,
      })
      .execute();
  }
  return report;
}

/** A withdrawal of consent, an erasure certificate, a DP spend, a queued item and an alert. */
export async function insertControlFigures(db: Kysely<Database>, subjectId: string): Promise<void> {
  const at = new Date().toISOString();
  await db
    .insertInto('consent_events')
    .values({
      subject_id: subjectId,
      purpose: 'analytics',
      granted: 0,
      at,
      text_version: 'test',
      method: 'api',
      actor: 'test',
    })
    .execute();
  await db.insertInto('erasure_certificates').values({ id: newId(), at, certificate: '{}' }).execute();
  await db
    .insertInto('dp_budget_spend')
    .values({ dataset: 'viewing', analyst: 'account:a', epsilon: 2.5, delta: 0, query: 'test', at })
    .execute();
  await db
    .insertInto('safety_queue')
    .values({
      id: newId(),
      target_kind: 'item',
      target_id: newId(),
      status: 'pending',
      reasons: '[]',
      created_at: at,
      decided_by: null,
      decided_at: null,
    })
    .execute();
  await db
    .insertInto('alerts')
    .values({
      id: newId(),
      kind: 'drift',
      severity: 'warning',
      metric: 'psi:genre',
      value: 0.31,
      threshold: 0.2,
      detail: '{}',
      source_id: null,
      created_at: at,
      delivery: 'not-configured',
      delivered_at: null,
      delivery_error: null,
    })
    .execute();
}

/** Share of pixels darker than near-white in a binary PGM (P5, 8-bit) image. */
export function inkShare(pgm: Buffer): number {
  // Header: "P5" width height maxval, separated by whitespace (comments are not written by pdftoppm).
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(pgm[at] as number))) at += 1;
    let token = '';
    while (!/\s/.test(String.fromCharCode(pgm[at] as number)))
      token += String.fromCharCode(pgm[at++] as number);
    fields.push(token);
  }
  at += 1;
  const [magic, width, height, maxval] = fields;
  if (magic !== 'P5' || Number(maxval) !== 255) throw new Error(`not an 8-bit P5 image: ${fields.join(' ')}`);
  const pixels = pgm.subarray(at, at + Number(width) * Number(height));
  if (pixels.length !== Number(width) * Number(height)) throw new Error('truncated PGM');
  let ink = 0;
  for (const value of pixels) if (value < 235) ink += 1;
  return ink / pixels.length;
}

/** Renders every page of a PDF to grey PGM at a low resolution and returns each page's ink share. */
export function pageInk(pdf: Buffer): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'candor-scorecard-pages-'));
  try {
    writeFileSync(join(dir, 'scorecard.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '40', '-gray', join(dir, 'scorecard.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.pgm'))
      .sort()
      .map((name) => inkShare(readFileSync(join(dir, name))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext reads it (layout kept, so table rows stay on one line). */
export function pdfToText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}
