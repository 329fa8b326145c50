import { type RecordKind, type RecordOf, recordSchemas } from '../catalog/catalog-records.js';
import { ImportRowError, type Located } from './import-source.js';

/** Validates one record against its native schema; a failure names the file, line and field. */
export function validated<K extends RecordKind>(kind: K, located: Located<unknown>): Located<RecordOf[K]> {
  const result = recordSchemas[kind].safeParse(located.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new ImportRowError(
      located.file,
      located.line,
      field,
      `invalid ${kind} record: ${issue?.message ?? 'invalid'}`,
    );
  }
  return { ...located, value: result.data as RecordOf[K] };
}
