import { COLORS, type Layout } from './pdf-layout.js';
import { pdfText } from './pdf-text.js';

/**
 * Horizontal bar charts drawn with the PDF's own vector operations: one row per group, one bar per
 * series, an optional confidence interval whisker on each bar and an optional dashed target line.
 * (A chart library rendering to SVG would need a browser or a large dependency tree on Node 20; bars,
 * whiskers and a line are all these charts are.)
 */

export interface BarSeries {
  name: string;
  color: string;
}

export interface BarRow {
  label: string;
  /** One value per series; null draws "n/a". */
  values: readonly (number | null)[];
  /** One interval per series (or null). */
  intervals?: readonly ([number, number] | null)[];
}

export interface BarChartSpec {
  title: string;
  series: readonly BarSeries[];
  rows: readonly BarRow[];
  format: (value: number) => string;
  /** The right end of the axis; by default a round number above every value, interval and target. */
  max?: number;
  threshold?: { value: number; label: string };
  /** Share of the width given to row labels (default 0.3). */
  labelShare?: number;
  /** Values are counts: the axis ends on a multiple of its tick count, so every tick is whole. */
  counts?: boolean;
  /** What a missing value says (default "n/a"). */
  missing?: string;
}

const BAR = 10;
const ROW_GAP = 7;
const VALUE_COLUMN = 70;
const TICKS = 5;

/** The smallest of 1, 2, 2.5, 5 times a power of ten at or above x (1 for nothing to show). */
export function niceMax(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= x - 1e-12) return step * power;
  return 10 * power;
}

function domainMax(spec: BarChartSpec): number {
  if (spec.max !== undefined) return spec.max;
  let top = spec.threshold?.value ?? 0;
  for (const row of spec.rows) {
    for (const value of row.values) if (value !== null) top = Math.max(top, value);
    for (const ci of row.intervals ?? []) if (ci) top = Math.max(top, ci[1]);
  }
  return spec.counts ? Math.max(TICKS, niceMax(top)) : niceMax(top * 1.05);
}

/** The height the chart will take, so the caller (or the chart) can keep it on one page. */
export function barChartHeight(spec: BarChartSpec): number {
  const rowHeight = spec.series.length * BAR + ROW_GAP;
  const legend = spec.series.length > 1 || spec.threshold ? 14 : 0;
  return 16 + legend + 12 + Math.max(1, spec.rows.length) * rowHeight + 22;
}

export function barChart(layout: Layout, spec: BarChartSpec): void {
  const doc = layout.doc;
  layout.ensure(barChartHeight(spec));
  const left = layout.left;
  const labelWidth = layout.width * (spec.labelShare ?? 0.3);
  const plotX = left + labelWidth;
  const plotWidth = layout.width - labelWidth - VALUE_COLUMN;
  const max = domainMax(spec);
  const xOf = (value: number) => plotX + (Math.min(Math.max(value, 0), max) / max) * plotWidth;
  let y = layout.y;

  doc.font('Helvetica-Bold').fontSize(10).fillColor(COLORS.ink);
  doc.text(pdfText(spec.title), left, y, { width: layout.width, lineBreak: false });
  y += 16;

  if (spec.series.length > 1 || spec.threshold) {
    let x = plotX;
    doc.font('Helvetica').fontSize(8);
    if (spec.series.length > 1) {
      for (const series of spec.series) {
        doc.rect(x, y + 1, 8, 8).fill(series.color);
        doc.fillColor(COLORS.muted).text(pdfText(series.name), x + 11, y + 1, { lineBreak: false });
        x += 11 + doc.widthOfString(pdfText(series.name)) + 14;
      }
    }
    if (spec.threshold) {
      doc
        .moveTo(x, y + 5)
        .lineTo(x + 14, y + 5)
        .dash(3, { space: 2 })
        .lineWidth(1.2)
        .stroke(COLORS.threshold);
      doc.undash();
      doc.fillColor(COLORS.muted).text(pdfText(spec.threshold.label), x + 18, y + 1, { lineBreak: false });
    }
    y += 14;
  }

  const rowHeight = spec.series.length * BAR + ROW_GAP;
  const plotTop = y + 4;
  const plotBottom = plotTop + Math.max(1, spec.rows.length) * rowHeight;

  // Grid and tick labels first, so bars draw over them.
  doc.font('Helvetica').fontSize(7.5);
  for (let t = 0; t <= TICKS; t += 1) {
    const value = (max * t) / TICKS;
    const x = xOf(value);
    doc.moveTo(x, plotTop).lineTo(x, plotBottom).lineWidth(0.4).stroke(COLORS.rule);
    const label = pdfText(spec.format(value));
    doc
      .fillColor(COLORS.muted)
      .text(label, x - doc.widthOfString(label) / 2, plotBottom + 3, { lineBreak: false });
  }

  if (spec.rows.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(COLORS.muted);
    doc.text('nothing to show', plotX + 6, plotTop + 2, { lineBreak: false });
  }
  spec.rows.forEach((row, r) => {
    const top = plotTop + r * rowHeight + ROW_GAP / 2;
    doc.font('Helvetica').fontSize(8.5).fillColor(COLORS.ink);
    doc.text(pdfText(row.label), left, top + (spec.series.length * BAR) / 2 - 4, {
      width: labelWidth - 8,
      height: 10,
      ellipsis: true,
      lineBreak: false,
    });
    const shown: string[] = [];
    spec.series.forEach((series, s) => {
      const value = row.values[s] ?? null;
      const barTop = top + s * BAR + 1;
      if (value === null) {
        shown.push(spec.missing ?? 'n/a');
        return;
      }
      doc.rect(plotX, barTop, Math.max(0.8, xOf(value) - plotX), BAR - 2).fill(series.color);
      const ci = row.intervals?.[s];
      if (ci) {
        const middle = barTop + (BAR - 2) / 2;
        const [lo, hi] = [xOf(ci[0]), xOf(ci[1])];
        doc.moveTo(lo, middle).lineTo(hi, middle).lineWidth(1).stroke(COLORS.ink);
        for (const x of [lo, hi])
          doc
            .moveTo(x, middle - 3)
            .lineTo(x, middle + 3)
            .stroke(COLORS.ink);
      }
      shown.push(spec.format(value));
    });
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.ink);
    doc.text(pdfText(shown.join(' / ')), plotX + plotWidth + 6, top + (spec.series.length * BAR) / 2 - 4, {
      width: VALUE_COLUMN - 6,
      lineBreak: false,
    });
  });

  if (spec.threshold) {
    const x = xOf(spec.threshold.value);
    doc
      .moveTo(x, plotTop - 2)
      .lineTo(x, plotBottom)
      .dash(3, { space: 2 })
      .lineWidth(1.2)
      .stroke(COLORS.threshold);
    doc.undash();
  }
  layout.moveTo(plotBottom + 22);
}
