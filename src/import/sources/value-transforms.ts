import { ageBandOf } from '../../catalog/viewer-profile.js';
import { genreSlug } from './genre-slug.js';

/**
 * How a mapped column's text (CSV) or value (JSONL) becomes a native field value:
 * - `string` (default) text as is; `number`; `int`; `bool` (true/false, 1/0, yes/no, y/n, t/f);
 * - `epoch-s`, `epoch-ms`: unix time to ISO 8601 UTC; `iso`: a date or time to ISO 8601 UTC (a time
 *   without an offset is taken as UTC, a bare date as UTC midnight);
 * - `list`: split on a separator (default `|`), items trimmed, empty items left out;
 * - `slug`: a name as a genre id ("Sci-Fi" -> `sci-fi`); `slugs`: a list of names as genre ids;
 * - `age-band`: an age in years as an age band (`25` -> `25-34`); the age itself is not kept.
 */
export const TRANSFORMS = [
  'string',
  'number',
  'int',
  'bool',
  'epoch-s',
  'epoch-ms',
  'iso',
  'list',
  'slug',
  'slugs',
  'age-band',
] as const;
export type TransformName = (typeof TRANSFORMS)[number];
export const LIST_TRANSFORMS: readonly TransformName[] = ['list', 'slugs'];

/** A value a transform cannot convert; the source turns it into an ImportRowError. */
export class TransformError extends Error {}

const TRUE = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE = new Set(['false', '0', 'no', 'n', 'f']);
const ISO_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Whether a source value counts as absent: missing, null, or blank text. */
export function isEmptyValue(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** Converts one value; an empty value gives `undefined`, meaning the field is left out. */
export function applyTransform(transform: TransformName, raw: unknown, separator = '|'): unknown {
  if (isEmptyValue(raw)) return undefined;
  switch (transform) {
    case 'string':
      return text(raw);
    case 'number':
      return toNumber(raw);
    case 'int': {
      const value = toNumber(raw);
      if (!Number.isInteger(value)) throw new TransformError(`'${String(raw)}' is not an integer`);
      return value;
    }
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const value = text(raw).trim().toLowerCase();
      if (TRUE.has(value)) return true;
      if (FALSE.has(value)) return false;
      throw new TransformError(`'${String(raw)}' is not a boolean (true/false, 1/0, yes/no)`);
    }
    case 'epoch-s':
      return toIso(toNumber(raw) * 1000, raw);
    case 'epoch-ms':
      return toIso(toNumber(raw), raw);
    case 'iso':
      return isoTime(text(raw).trim());
    case 'list':
      return toList(raw, separator);
    case 'slug':
      return slug(text(raw));
    case 'slugs':
      return toList(raw, separator).map(slug);
    case 'age-band':
      return ageBandOf(toNumber(raw));
  }
}

function text(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw new TransformError(`expected text, found ${Array.isArray(raw) ? 'an array' : typeof raw}`);
}

function toNumber(raw: unknown): number {
  const value = typeof raw === 'number' ? raw : Number(text(raw).trim());
  if (!Number.isFinite(value)) throw new TransformError(`'${String(raw)}' is not a number`);
  return value;
}

function toIso(ms: number, raw: unknown): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new TransformError(`'${String(raw)}' is out of the range of times`);
  return date.toISOString();
}

function isoTime(value: string): string {
  const match = ISO_TIME.exec(value);
  if (!match) throw new TransformError(`'${value}' is not an ISO 8601 date or time`);
  const [, date = '', time = '00:00:00', zone = 'Z'] = match;
  if (Number.isNaN(Date.parse(date)) || new Date(date).toISOString().slice(0, 10) !== date) {
    throw new TransformError(`'${value}' is not a calendar date`);
  }
  const offset = /^[+-]\d{2}$/.test(zone) ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return toIso(Date.parse(`${date}T${time}${offset.toUpperCase()}`), value);
}

function toList(raw: unknown, separator: string): string[] {
  const items = Array.isArray(raw) ? raw.map(text) : text(raw).split(separator);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function slug(name: string): string {
  const value = genreSlug(name);
  if (value === '') throw new TransformError(`'${name}' has no letters or digits to make a slug from`);
  return value;
}
