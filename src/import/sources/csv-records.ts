import { parse } from 'csv-parse/sync';
import { ImportRowError } from '../import-source.js';
import { readLines } from '../read-lines.js';

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

/**
 * Streams the records of a comma-separated file (RFC 4180), header included, skipping blank lines.
 * Lines come from readLines, so line numbers stay exact; a record whose quotes are still open at the
 * end of a line continues on the next. Rows without quotes are split directly; quoted rows are parsed
 * by csv-parse. A leading byte order mark is removed.
 */
export async function* readCsvRecords(
  file: string,
  options: { progress?: ((bytes: number) => void) | undefined } = {},
): AsyncGenerator<CsvRecord> {
  let pending: { line: number; text: string; quotes: number } | undefined;
  for await (const { number, text: raw } of readLines(file, { progress: options.progress })) {
    const text = number === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const quotes = countQuotes(text);
    if (pending) {
      pending.text += `\n${text}`;
      pending.quotes += quotes;
    } else if (text.trim() === '') {
      continue;
    } else if (quotes === 0) {
      yield { line: number, fields: text.split(',') };
      continue;
    } else {
      pending = { line: number, text, quotes };
    }
    if (pending.quotes % 2 === 0) {
      yield { line: pending.line, fields: parseQuoted(pending.text, file, pending.line) };
      pending = undefined;
    }
  }
  if (pending)
    throw new ImportRowError(
      file,
      pending.line,
      undefined,
      'quoted field is not closed before the end of file',
    );
}

function countQuotes(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count += 1;
  return count;
}

function parseQuoted(text: string, file: string, line: number): string[] {
  try {
    const [fields] = parse(text, { relax_column_count: true }) as string[][];
    return fields ?? [];
  } catch (error) {
    throw new ImportRowError(file, line, undefined, `malformed CSV: ${(error as Error).message}`);
  }
}
