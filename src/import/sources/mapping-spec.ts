import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { type RecordKind, recordSchemas } from '../../catalog/catalog-records.js';
import {
  applyTransform,
  LIST_TRANSFORMS,
  TRANSFORMS,
  TransformError,
  type TransformName,
} from './value-transforms.js';

/**
 * A mapping from native fields to the columns of one CSV or JSONL file.
 *
 * As a CLI string, comma-separated `field=source` entries:
 *   `subjectExternalId=user_id,itemExternalId=movie_id,value=rating:number,occurredAt=ts:epoch-s,kind==rating`
 * - `field=column` reads a column (a JSONL key); `field=column:transform` converts it (see
 *   value-transforms.ts: string, number, int, bool, epoch-s, epoch-ms, iso, list, slug, slugs,
 *   age-band). `list(;)` / `slugs(;)` give the separator (default `|`).
 * - `field==value` sets a constant, as text unless a transform follows (`value==1:number`).
 * - The text after the last `:` is a transform only if it names one, so `col:umn` is a column.
 * - Nested native fields use dotted paths: `maturity.system==mpaa,maturity.rating=rated`.
 *
 * As JSON (a file, or an inline string starting with `{`), an object from field to either the same
 * shorthand (`"value": "rating:number"`, `"kind": "=rating"`) or an object:
 * `{ "column": "genre_list", "transform": "list", "separator": ";" }` or `{ "const": 4.5 }`.
 */
const transformSchema = z.enum(TRANSFORMS);

const columnSourceSchema = z
  .strictObject({
    column: z.string().min(1).describe('source column (CSV header name or JSONL key)'),
    transform: transformSchema.default('string'),
    separator: z.string().min(1).optional().describe('list separator, default |'),
  })
  .refine((source) => source.separator === undefined || LIST_TRANSFORMS.includes(source.transform), {
    message: 'a separator applies only to the list and slugs transforms',
    path: ['separator'],
  });

const constSourceSchema = z.strictObject({
  const: z.union([z.string(), z.number(), z.boolean(), z.null()]).describe('constant value of the field'),
  transform: transformSchema.optional().describe('applied to a text constant'),
  separator: z.string().min(1).optional(),
});

const SHORTHAND = new RegExp(
  `^(.*):(${TRANSFORMS.filter((name) => !LIST_TRANSFORMS.includes(name)).join('|')}|(?:list|slugs)(?:\\((.+)\\))?)$`,
  's',
);

/** Parses the right-hand side of `field=...`: `column[:transform]` or `=constant[:transform]`. */
export function parseFieldSource(text: string): z.input<typeof fieldObjectSchema> {
  const isConst = text.startsWith('=');
  const body = isConst ? text.slice(1) : text.trim();
  const match = SHORTHAND.exec(body);
  const value = match?.[1] ?? body;
  const transform = match?.[2]?.replace(/\(.*\)$/s, '') as TransformName | undefined;
  const separator = match?.[3];
  return {
    ...(isConst ? { const: value } : { column: value.trim() }),
    ...(transform ? { transform } : {}),
    ...(separator ? { separator } : {}),
  };
}

const fieldObjectSchema = z.union([columnSourceSchema, constSourceSchema]);
const fieldSourceSchema = z.union([
  z.string().min(1).transform(parseFieldSource).pipe(fieldObjectSchema),
  fieldObjectSchema,
]);

export const mappingSpecSchema = z
  .record(z.string().min(1), fieldSourceSchema)
  .refine((spec) => Object.keys(spec).length > 0, 'the mapping names no field');
export type MappingSpec = z.output<typeof mappingSpecSchema>;
export type FieldSource = MappingSpec[string];

/** Parses `field=source,field=source,...`; commas inside parentheses (`list(,)`) do not split. */
export function parseMappingString(text: string): MappingSpec {
  const spec: Record<string, string> = {};
  for (const entry of splitEntries(text)) {
    const equals = entry.indexOf('=');
    const field = entry.slice(0, equals).trim();
    if (equals <= 0 || field === '')
      throw new Error(`mapping entry '${entry}' is not field=column or field==constant`);
    if (field in spec) throw new Error(`mapping names field '${field}' twice`);
    spec[field] = entry.slice(equals + 1);
  }
  return validate(spec, `mapping '${text}'`);
}

/** A mapping given as a CLI string, an inline JSON object, or the path of a JSON file. */
export function loadMappingSpec(map: string): MappingSpec {
  if (map.trimStart().startsWith('{')) return validate(parseJson(map, 'inline mapping'), 'inline mapping');
  if (existsSync(map)) return validate(parseJson(readFileSync(map, 'utf8'), map), `mapping file ${map}`);
  if (!map.includes('=')) throw new Error(`mapping file ${map} not found (or give field=column,... inline)`);
  return parseMappingString(map);
}

function splitEntries(text: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at <= text.length; at += 1) {
    const char = text[at];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === undefined || (char === ',' && depth === 0)) {
      if (text.slice(start, at).trim() !== '') entries.push(text.slice(start, at));
      start = at + 1;
    }
  }
  return entries;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function validate(spec: unknown, where: string): MappingSpec {
  const result = mappingSpecSchema.safeParse(spec);
  if (!result.success) throw new Error(`${where} is not a valid mapping:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** One native field and where its value comes from, checked against the record kind. */
export type FieldMapping = ColumnMapping | ConstantMapping;
export interface ColumnMapping {
  field: string;
  path: string[];
  column: string;
  transform: TransformName;
  separator: string;
}
export interface ConstantMapping {
  field: string;
  path: string[];
  constant: unknown;
}

/** Native fields that are objects, mapped one sub-field at a time (`maturity.rating`). */
const NESTED_FIELDS: Partial<Record<RecordKind, Record<string, readonly string[]>>> = {
  items: { maturity: ['system', 'rating'] },
};

/** The native fields a mapping may name for a kind. */
export function mappableFields(kind: RecordKind): string[] {
  const nested = NESTED_FIELDS[kind] ?? {};
  return Object.keys(recordSchemas[kind].shape).flatMap((field) => [
    field,
    ...(nested[field] ?? []).map((sub) => `${field}.${sub}`),
  ]);
}

/** Checks field names against the kind and resolves constants. Throws an Error naming a bad field. */
export function compileMapping(kind: RecordKind, spec: MappingSpec): FieldMapping[] {
  const known = mappableFields(kind);
  const fields = Object.keys(spec);
  for (const field of fields) {
    if (!known.includes(field))
      throw new Error(`unknown ${kind} field '${field}' in mapping (known: ${known.join(', ')})`);
    const parent = field.split('.')[0] ?? field;
    if (parent !== field && parent in spec) throw new Error(`mapping names both '${parent}' and '${field}'`);
  }
  return Object.entries(spec).map(([field, source]): FieldMapping => {
    const path = field.split('.');
    if ('column' in source) {
      return {
        field,
        path,
        column: source.column,
        transform: source.transform,
        separator: source.separator ?? '|',
      };
    }
    if (typeof source.const !== 'string') return { field, path, constant: source.const };
    try {
      const constant = applyTransform(source.transform ?? 'string', source.const, source.separator);
      if (constant === undefined) throw new TransformError('the constant is empty');
      return { field, path, constant };
    } catch (error) {
      if (error instanceof TransformError)
        throw new Error(`mapping of '${field}': ${error.message}`, { cause: error });
      throw error;
    }
  });
}
