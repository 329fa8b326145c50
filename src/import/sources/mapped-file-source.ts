import type { RecordKind } from '../../catalog/catalog-records.js';
import { AGE_BANDS, type AgeBand, defaultProfileKind } from '../../catalog/viewer-profile.js';
import { countDropped, ImportRowError, type ImportSource, type Located } from '../import-source.js';
import { readJsonLines } from './candor-jsonl-source.js';
import { readCsvRecords } from './csv-records.js';
import { type ColumnMapping, compileMapping, type FieldMapping, type MappingSpec } from './mapping-spec.js';
import type { RowAt } from './row-fields.js';
import { applyTransform, isEmptyValue, TransformError } from './value-transforms.js';
import type { DemographicsOptions } from './viewer-demographics.js';

export type MappedFileFormat = 'csv' | 'jsonl';

export interface MappedFileOptions extends DemographicsOptions {
  format: MappedFileFormat;
  kind: RecordKind;
  mapping: MappingSpec;
}

/** A source row: the value of a column (or JSONL key), and every column the row has. */
interface SourceRow {
  at: RowAt;
  get(column: string): unknown;
  columns: readonly string[];
}

/**
 * One CSV file (with a header row) or JSONL file holding one record kind, mapped column by column onto
 * native fields (see mapping-spec.ts). Fields the mapping leaves out, and empty cells, are left out of
 * the record so the schema default applies. Source columns the mapping does not use are dropped and
 * counted as `<kind>.<column>`. For viewers, gender and occupation are kept only with demographics
 * consent (and, if the mapping reads a per-viewer `demographicsConsent`, only where it is true), and an
 * unmapped profileKind is the strictest that fits the age band.
 */
export class MappedFileSource implements ImportSource {
  readonly format: string;
  readonly kinds: readonly RecordKind[];
  readonly files: readonly string[];
  readonly dropped = new Map<string, number>();
  private readonly fields: FieldMapping[];
  private readonly columns: Set<string>;

  constructor(
    readonly file: string,
    private readonly options: MappedFileOptions,
  ) {
    this.format = `mapped-${options.format}`;
    this.kinds = [options.kind];
    this.files = [file];
    this.fields = compileMapping(options.kind, options.mapping);
    this.columns = new Set(this.fields.flatMap((field) => ('column' in field ? [field.column] : [])));
  }

  async *records(kind: RecordKind, progress?: (bytes: number) => void): AsyncGenerator<Located<unknown>> {
    if (kind !== this.options.kind) throw new Error(`${this.file} holds ${this.options.kind}, not ${kind}`);
    const rows = this.options.format === 'csv' ? this.csvRows(progress) : this.jsonRows(progress);
    for await (const row of rows) {
      yield { ...row.at, value: this.recordOf(row) };
    }
  }

  private async *csvRows(progress?: (bytes: number) => void): AsyncGenerator<SourceRow> {
    let header: string[] | undefined;
    let index = new Map<string, number>();
    for await (const { line, fields } of readCsvRecords(this.file, { progress })) {
      const at = { file: this.file, line };
      if (!header) {
        header = fields.map((name) => name.trim());
        index = new Map(header.map((name, i) => [name, i]).reverse() as [string, number][]);
        for (const mapping of this.fields) {
          if ('column' in mapping && !index.has(mapping.column)) {
            throw new ImportRowError(
              this.file,
              line,
              mapping.field,
              `column '${mapping.column}' is not in the header (${header.join(', ')})`,
            );
          }
        }
        continue;
      }
      if (fields.length !== header.length) {
        throw new ImportRowError(
          this.file,
          line,
          undefined,
          `expected ${header.length} fields as in the header, found ${fields.length}`,
        );
      }
      const columns = header;
      yield { at, columns, get: (column) => fields[index.get(column) ?? -1] };
    }
  }

  private async *jsonRows(progress?: (bytes: number) => void): AsyncGenerator<SourceRow> {
    for await (const { file, line, value } of readJsonLines(this.file, progress)) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ImportRowError(file, line, undefined, 'expected a JSON object');
      }
      const object = value as Record<string, unknown>;
      yield { at: { file, line }, columns: Object.keys(object), get: (column) => object[column] };
    }
  }

  private recordOf(row: SourceRow): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    for (const mapping of this.fields) {
      let value = 'constant' in mapping ? mapping.constant : this.convert(mapping, row);
      if (value === undefined) continue;
      if (mapping.field === 'creators' && Array.isArray(value)) {
        value = value.map((externalId) => (typeof externalId === 'string' ? { externalId } : externalId));
      }
      setPath(record, mapping.path, value);
    }
    for (const column of row.columns) {
      if (!this.columns.has(column) && !isEmptyValue(row.get(column))) {
        countDropped(this.dropped, `${this.options.kind}.${column}`);
      }
    }
    if (this.options.kind === 'viewers') this.minimizeViewer(record, row.at);
    return record;
  }

  private convert(mapping: ColumnMapping, row: SourceRow): unknown {
    try {
      return applyTransform(mapping.transform, row.get(mapping.column), mapping.separator);
    } catch (error) {
      if (!(error instanceof TransformError)) throw error;
      throw new ImportRowError(
        row.at.file,
        row.at.line,
        mapping.field,
        `column '${mapping.column}': ${error.message}`,
      );
    }
  }

  private minimizeViewer(record: Record<string, unknown>, at: RowAt): void {
    const rowConsent = record.demographicsConsent;
    if (rowConsent !== undefined && typeof rowConsent !== 'boolean') {
      throw new ImportRowError(
        at.file,
        at.line,
        'demographicsConsent',
        'must be true or false (map it with :bool)',
      );
    }
    const consent = this.options.demographicsConsent === true && rowConsent !== false;
    record.demographicsConsent = consent;
    for (const field of ['gender', 'occupation']) {
      if (consent || record[field] === undefined) continue;
      delete record[field];
      countDropped(this.dropped, `viewers.${field}`);
    }
    if (record.profileKind === undefined) {
      const band = AGE_BANDS.includes(record.ageBand as AgeBand) ? (record.ageBand as AgeBand) : 'unknown';
      record.profileKind = defaultProfileKind(band);
    }
  }
}

function setPath(record: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let target = record;
  path.slice(0, -1).forEach((key) => {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  });
  const last = path[path.length - 1];
  if (last !== undefined) target[last] = value;
}
