import type { TargetStatus } from './scorecard-data.js';
import { pdfText } from './pdf-text.js';

/** The pdfkit document (its types are a global namespace). */
export type Doc = PDFKit.PDFDocument;

export const COLORS = {
  ink: '#1f2933',
  muted: '#52606d',
  rule: '#cbd2d9',
  band: '#f0f4f8',
  accent: '#2f6db5',
  second: '#9aa5b1',
  meets: '#2e7d32',
  misses: '#c62828',
  unmeasured: '#7b8794',
  threshold: '#c62828',
} as const;

const STATUS_TEXT: Readonly<Record<TargetStatus, string>> = {
  meets: 'MEETS',
  misses: 'MISSES',
  'not-measured': 'NOT MEASURED',
};
const STATUS_COLOR: Readonly<Record<TargetStatus, string>> = {
  meets: COLORS.meets,
  misses: COLORS.misses,
  'not-measured': COLORS.unmeasured,
};

export type Cell = string | { status: TargetStatus };

export interface Column {
  header: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

const CELL_PAD = 4;

/**
 * Text flow on A4 pages for the scorecard: headings, paragraphs and tables that move to a new page
 * rather than split a row, and room checks for charts. Every string passes through pdfText.
 */
export class Layout {
  constructor(readonly doc: Doc) {}

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get y(): number {
    return this.doc.y;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.doc.page.margins.top;
  }

  gap(points = 8): void {
    this.doc.y += points;
  }

  /** Moves the cursor below something drawn at absolute positions. */
  moveTo(y: number): void {
    this.doc.x = this.left;
    this.doc.y = y;
  }

  title(text: string): void {
    this.doc.font('Helvetica-Bold').fontSize(22).fillColor(COLORS.ink);
    this.doc.text(pdfText(text), this.left, this.doc.y, { width: this.width });
    this.gap(4);
  }

  /**
   * Starts a major section: on a new page when less than `share` of this page is left, so a section
   * neither begins at the foot of a page nor leaves a page nearly empty.
   */
  section(share = 0.4): void {
    const room = this.bottom - this.doc.y;
    const page = this.bottom - this.doc.page.margins.top;
    if (room < share * page) this.newPage();
    else this.gap(10);
  }

  heading(text: string): void {
    this.ensure(90);
    this.gap(6);
    this.doc.font('Helvetica-Bold').fontSize(15).fillColor(COLORS.accent);
    this.doc.text(pdfText(text), this.left, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.8)
      .stroke(COLORS.rule);
    this.gap(8);
  }

  subheading(text: string): void {
    this.ensure(70);
    this.gap(4);
    this.doc.font('Helvetica-Bold').fontSize(11.5).fillColor(COLORS.ink);
    this.doc.text(pdfText(text), this.left, this.doc.y, { width: this.width });
    this.gap(3);
  }

  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean } = {}): void {
    const size = options.size ?? 10;
    this.doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const body = pdfText(text);
    this.ensure(this.doc.heightOfString(body, { width: this.width }) + 4);
    this.doc.fillColor(options.color ?? COLORS.ink).text(body, this.left, this.doc.y, { width: this.width });
    this.gap(4);
  }

  /** A table with a shaded header; a row that does not fit starts a new page (with the header again). */
  table(
    columns: readonly Column[],
    rows: readonly (readonly Cell[])[],
    options: { size?: number } = {},
  ): void {
    const size = options.size ?? 9;
    const widths = columns.map((c) => c.width * this.width);
    const rowHeight = (cells: readonly Cell[], bold: boolean) => {
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
      return (
        Math.max(
          size + 2,
          ...cells.map((cell, i) =>
            typeof cell === 'string'
              ? this.doc.heightOfString(pdfText(cell), { width: (widths[i] as number) - 2 * CELL_PAD })
              : size + 4,
          ),
        ) +
        2 * CELL_PAD
      );
    };
    const header = columns.map((c) => c.header);
    const drawRow = (cells: readonly Cell[], bold: boolean, shaded: boolean) => {
      const height = rowHeight(cells, bold);
      const top = this.doc.y;
      if (shaded) this.doc.rect(this.left, top, this.width, height).fill(COLORS.band);
      let x = this.left;
      cells.forEach((cell, i) => {
        const width = widths[i] as number;
        if (typeof cell === 'string') {
          this.doc
            .font(bold ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(size)
            .fillColor(COLORS.ink);
          this.doc.text(pdfText(cell), x + CELL_PAD, top + CELL_PAD, {
            width: width - 2 * CELL_PAD,
            align: columns[i]?.align ?? 'left',
          });
        } else {
          this.badge(cell.status, x + CELL_PAD, top + CELL_PAD - 1, width - 2 * CELL_PAD, size);
        }
        x += width;
      });
      this.doc
        .moveTo(this.left, top + height)
        .lineTo(this.left + this.width, top + height)
        .lineWidth(0.4)
        .stroke(COLORS.rule);
      this.moveTo(top + height);
    };
    this.ensure(rowHeight(header, true) + rowHeight(rows[0] ?? header, false));
    drawRow(header, true, true);
    for (const row of rows) {
      if (this.doc.y + rowHeight(row, false) > this.bottom) {
        this.newPage();
        drawRow(header, true, true);
      }
      drawRow(row, false, false);
    }
    this.gap(8);
  }

  /** Label and value pairs as a two-column table without a header. */
  facts(pairs: readonly (readonly [string, string])[], labelShare = 0.32): void {
    const size = 9.5;
    const labelWidth = this.width * labelShare;
    for (const [label, value] of pairs) {
      this.doc.font('Helvetica').fontSize(size);
      const text = pdfText(value);
      const height =
        Math.max(size + 3, this.doc.heightOfString(text, { width: this.width - labelWidth })) + 3;
      this.ensure(height);
      const top = this.doc.y;
      this.doc
        .font('Helvetica-Bold')
        .fillColor(COLORS.muted)
        .text(pdfText(label), this.left, top, {
          width: labelWidth - 8,
        });
      this.doc
        .font('Helvetica')
        .fillColor(COLORS.ink)
        .text(text, this.left + labelWidth, top, {
          width: this.width - labelWidth,
        });
      this.moveTo(top + height);
    }
    this.gap(6);
  }

  /** A coloured label saying whether a target is met. */
  badge(status: TargetStatus, x: number, y: number, width: number, size = 9): void {
    const text = STATUS_TEXT[status];
    // The label shrinks rather than wraps when the column is narrow.
    let fontSize = size - 1;
    this.doc.font('Helvetica-Bold').fontSize(fontSize);
    while (fontSize > 5 && this.doc.widthOfString(text) + 8 > width) this.doc.fontSize((fontSize -= 0.5));
    const w = Math.min(width, this.doc.widthOfString(text) + 8);
    this.doc.roundedRect(x, y, w, size + 4, 3).fill(STATUS_COLOR[status]);
    this.doc.fillColor('#ffffff').text(text, x + 4, y + 2 + (size - fontSize) / 2, { lineBreak: false });
    this.doc.fillColor(COLORS.ink);
  }

  /** Page numbers and the version on every page, inside the bottom margin. */
  footers(text: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      const margin = this.doc.page.margins.bottom;
      // Writing inside the margin would otherwise make pdfkit start a new page.
      this.doc.page.margins.bottom = 0;
      this.doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
      this.doc.text(
        pdfText(`${text}   page ${i + 1} of ${range.count}`),
        this.left,
        this.doc.page.height - margin + 18,
        { width: this.width, align: 'center', lineBreak: false },
      );
      this.doc.page.margins.bottom = margin;
    }
  }
}
