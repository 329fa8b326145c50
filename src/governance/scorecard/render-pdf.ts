import PDFDocument from 'pdfkit';
import { Layout } from './pdf-layout.js';
import { renderPrivacy, renderSafety, renderSignoffs } from './render-controls.js';
import { renderExposure, renderFairness, renderModel, renderQuality } from './render-model.js';
import { renderSummary } from './render-summary.js';
import type { ScorecardData } from './scorecard-data.js';

/**
 * The scorecard as an A4 PDF for a reader who does not build models: a summary page of pass/fail
 * lines against the policy's targets, then the model and its data, accuracy, group fairness, exposure,
 * the worst and best cohorts, privacy, safety and the sign-offs, with charts. The same data gives the
 * same bytes: the document's dates are the scorecard's own time, not the time of rendering.
 */
export function renderScorecardPdf(data: ScorecardData): Promise<Buffer> {
  const made = new Date(data.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 54, left: 50, right: 50 },
    bufferPages: true,
    info: {
      Title: `Responsible-AI scorecard: model ${data.model.id}`,
      Author: 'Candor',
      Subject: 'Model summary against targets, fairness, exposure, privacy, safety and sign-offs',
      Creator: 'candor scorecard',
      Producer: 'Candor',
      CreationDate: made,
      ModDate: made,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    const layout = new Layout(doc);
    renderSummary(layout, data);
    layout.section();
    renderModel(layout, data);
    renderQuality(layout, data);
    layout.section();
    renderFairness(layout, data);
    layout.section();
    renderExposure(layout, data);
    layout.section();
    renderPrivacy(layout, data);
    layout.section(0.25);
    renderSafety(layout, data);
    layout.section(0.25);
    renderSignoffs(layout, data);
    layout.footers(
      `Candor responsible-AI scorecard - model ${data.model.id} - ${data.generatedAt.slice(0, 10)}`,
    );
    doc.end();
  } catch (error) {
    // The half-drawn document is dropped: nothing of it reaches the caller.
    done.catch(() => undefined);
    doc.end();
    return Promise.reject(error);
  }
  return done;
}
