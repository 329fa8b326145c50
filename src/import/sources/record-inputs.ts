import type { z } from 'zod';
import type { RecordKind, recordSchemas } from '../../catalog/catalog-records.js';

/**
 * What a source yields for each kind: the native record before validation, so fields with a schema
 * default may be left out. Typing yields with it catches mapping mistakes at compile time.
 */
export type RecordInputOf = { [K in RecordKind]: z.input<(typeof recordSchemas)[K]> };
