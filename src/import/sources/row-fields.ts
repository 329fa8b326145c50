import { ImportRowError } from '../import-source.js';

/** Where a row came from, for ImportRowError. */
export interface RowAt {
  file: string;
  line: number;
}

/** Splits a delimited row and checks it has exactly `columns.length` fields. */
export function splitRow(text: string, separator: string, columns: readonly string[], at: RowAt): string[] {
  const fields = text.split(separator);
  if (fields.length !== columns.length) {
    throw new ImportRowError(
      at.file,
      at.line,
      undefined,
      `expected ${columns.length} '${separator}'-separated fields (${columns.join(', ')}), found ${fields.length}`,
    );
  }
  return fields;
}

/** A numeric source id, canonicalized (no leading zeros) so ratings and items join on the same string. */
export function parseNumericId(text: string, column: string, at: RowAt): string {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    throw new ImportRowError(at.file, at.line, column, `'${text}' is not a numeric id`);
  return trimmed.replace(/^0+(?=\d)/, '');
}

export function parseNumber(text: string, column: string, at: RowAt): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value))
    throw new ImportRowError(at.file, at.line, column, `'${text}' is not a number`);
  return value;
}

export function parseInteger(text: string, column: string, at: RowAt): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed))
    throw new ImportRowError(at.file, at.line, column, `'${text}' is not an integer`);
  return Number(trimmed);
}

/** Unix seconds as an ISO 8601 UTC time. */
export function parseEpochSeconds(text: string, column: string, at: RowAt): string {
  const trimmed = text.trim();
  const date = /^\d+$/.test(trimmed) ? new Date(Number(trimmed) * 1000) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new ImportRowError(at.file, at.line, column, `'${text}' is not a unix timestamp in seconds`);
  }
  return date.toISOString();
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}
