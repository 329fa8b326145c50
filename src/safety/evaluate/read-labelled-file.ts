import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export const LABELLED_FORMATS = ['csv', 'jsonl'] as const;
export type LabelledFormat = (typeof LABELLED_FORMATS)[number];

/** Public datasets name their columns differently; the first present, in this order, is used. */
export const TEXT_COLUMNS = ['text', 'prompt', 'tweet', 'content'] as const;
export const LABEL_COLUMNS = ['label', 'type', 'class', 'category'] as const;

const BENIGN_LABELS = new Set(['benign', 'safe', '0', 'false', 'none']);

export const DEFAULT_MAX_BYTES = 200 * 2 ** 20;
/** At about a millisecond per inspected text, more rows than this is a job for --limit or a sample. */
export const DEFAULT_MAX_ROWS = 200_000;

export interface LabelledRow {
  /** 1-based line the row starts on (JSONL, CSV) or 1-based item number (JSON array). */
  readonly line: number;
  readonly text: string;
  /** The label as written, trimmed. */
  readonly label: string;
  readonly benign: boolean;
}

export interface ReadLabelledOptions {
  /** Inferred from the extension when absent. */
  readonly format?: LabelledFormat;
  /** Read only the first rows; then the row cap does not apply. */
  readonly limit?: number;
  readonly maxBytes?: number;
  readonly maxRows?: number;
}

/** Says which file and, when it is about one row, which line, so the row can be found and fixed. */
export class LabelledFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line === undefined ? '' : `, line ${line}`}: ${message}`);
    this.name = 'LabelledFileError';
  }
}

export function isBenignLabel(label: string): boolean {
  return BENIGN_LABELS.has(label.trim().toLowerCase());
}

export function formatFromExtension(file: string): LabelledFormat | undefined {
  switch (extname(file).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.jsonl':
    case '.ndjson':
    case '.json':
      return 'jsonl';
    default:
      return undefined;
  }
}

const labelValue = z.union([z.string(), z.number(), z.boolean()]);
const jsonRecord = z.record(z.string(), z.unknown());

interface Columns {
  readonly text: string;
  readonly label: string;
}

/** Matches column names case-insensitively, returning the names as the file spells them. */
function findColumns(file: string, line: number | undefined, names: readonly string[]): Columns {
  const byLower = new Map(names.map((name) => [name.trim().toLowerCase(), name]));
  const pick = (candidates: readonly string[]) =>
    candidates.map((candidate) => byLower.get(candidate)).find((name) => name !== undefined);
  const text = pick(TEXT_COLUMNS);
  const label = pick(LABEL_COLUMNS);
  const listed = names.length === 0 ? '(none)' : names.join(', ');
  if (text === undefined)
    throw new LabelledFileError(
      file,
      line,
      `no text column (expected one of ${TEXT_COLUMNS.join(', ')}); columns are: ${listed}`,
    );
  if (label === undefined)
    throw new LabelledFileError(
      file,
      line,
      `no label column (expected one of ${LABEL_COLUMNS.join(', ')}); columns are: ${listed}`,
    );
  return { text, label };
}

function toRow(file: string, line: number, text: unknown, label: unknown, columns: Columns): LabelledRow {
  const parsedText = z.string().safeParse(text);
  if (!parsedText.success)
    throw new LabelledFileError(
      file,
      line,
      `column '${columns.text}' must be a string (got ${kindOf(text)})`,
    );
  const parsedLabel = labelValue.safeParse(label);
  if (!parsedLabel.success)
    throw new LabelledFileError(
      file,
      line,
      `column '${columns.label}' must be a string, number or boolean (got ${kindOf(label)})`,
    );
  const written = String(parsedLabel.data).trim();
  if (written === '') throw new LabelledFileError(file, line, `column '${columns.label}' is empty`);
  return { line, text: parsedText.data, label: written, benign: isBenignLabel(written) };
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** Stops at the limit, or refuses a file with more rows than the cap. */
class RowBudget {
  private count = 0;
  constructor(
    private readonly file: string,
    private readonly limit: number | undefined,
    private readonly maxRows: number,
  ) {}

  /** False once the limit is reached. */
  take(line: number): boolean {
    if (this.limit !== undefined && this.count >= this.limit) return false;
    this.count += 1;
    if (this.limit === undefined && this.count > this.maxRows)
      throw new LabelledFileError(
        this.file,
        line,
        `more than ${this.maxRows} rows; evaluate a sample or pass a limit (--limit)`,
      );
    return true;
  }
}

function readCsv(file: string, content: string, budget: RowBudget): LabelledRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw new LabelledFileError(
      file,
      typeof line === 'number' ? line : undefined,
      `malformed CSV: ${(error as Error).message}`,
    );
  }
  const [header, ...body] = records;
  if (header === undefined) throw new LabelledFileError(file, undefined, 'the file is empty');
  const columns = findColumns(file, undefined, header.record);
  const textAt = header.record.indexOf(columns.text);
  const labelAt = header.record.indexOf(columns.label);
  const rows: LabelledRow[] = [];
  for (const { record, info } of body) {
    // csv-parse reports the line a record ends on; a quoted field may span several.
    const line = info.lines - newlines(record);
    if (!budget.take(line)) break;
    rows.push(toRow(file, line, record[textAt], record[labelAt], columns));
  }
  return rows;
}

function newlines(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (const char of field) if (char === '\n') count += 1;
  return count;
}

function objectAt(file: string, line: number, value: unknown): Record<string, unknown> {
  const parsed = jsonRecord.safeParse(value);
  if (!parsed.success || Array.isArray(value))
    throw new LabelledFileError(file, line, `expected a JSON object (got ${kindOf(value)})`);
  return parsed.data;
}

function rowOfObject(file: string, line: number, value: unknown): LabelledRow {
  const object = objectAt(file, line, value);
  const columns = findColumns(file, line, Object.keys(object));
  return toRow(file, line, object[columns.text], object[columns.label], columns);
}

function readJsonArray(file: string, content: string, budget: RowBudget): LabelledRow[] {
  let items: unknown;
  try {
    items = JSON.parse(content);
  } catch (error) {
    throw new LabelledFileError(file, undefined, `malformed JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(items)) throw new LabelledFileError(file, undefined, 'expected a JSON array of objects');
  const rows: LabelledRow[] = [];
  for (const [at, item] of items.entries()) {
    if (!budget.take(at + 1)) break;
    rows.push(rowOfObject(file, at + 1, item));
  }
  return rows;
}

function readJsonLines(file: string, content: string, budget: RowBudget): LabelledRow[] {
  const rows: LabelledRow[] = [];
  const lines = content.split('\n');
  for (const [at, raw] of lines.entries()) {
    const line = at + 1;
    if (raw.trim() === '') continue;
    if (!budget.take(line)) break;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new LabelledFileError(file, line, `malformed JSON: ${(error as Error).message}`);
    }
    rows.push(rowOfObject(file, line, value));
  }
  return rows;
}

/**
 * Reads a file of texts labelled benign or with what they contain: CSV with a header, JSON Lines, or
 * a JSON array of objects (a `.jsonl`/`.json` file whose first character is `[`).
 */
export function readLabelledFile(file: string, options: ReadLabelledOptions = {}): LabelledRow[] {
  const format = options.format ?? formatFromExtension(file);
  if (format === undefined)
    throw new LabelledFileError(
      file,
      undefined,
      `cannot tell the format from the extension; say which (${LABELLED_FORMATS.join(' or ')})`,
    );
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new LabelledFileError(file, undefined, 'not a file');
    size = stats.size;
  } catch (error) {
    if (error instanceof LabelledFileError) throw error;
    throw new LabelledFileError(file, undefined, 'no such file');
  }
  if (size > maxBytes)
    throw new LabelledFileError(
      file,
      undefined,
      `the file is ${megabytes(size)}, more than the ${megabytes(maxBytes)} limit`,
    );
  const content = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const budget = new RowBudget(file, options.limit, options.maxRows ?? DEFAULT_MAX_ROWS);
  if (format === 'csv') return readCsv(file, content, budget);
  return content.trimStart().startsWith('[')
    ? readJsonArray(file, content, budget)
    : readJsonLines(file, content, budget);
}

function megabytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${bytes} bytes` : `${Number((bytes / 2 ** 20).toFixed(1))} MB`;
}
