/** Number formats the dashboard uses everywhere, so a share always reads the same way. */

export const percent = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : `${(100 * value).toFixed(digits)}%`;

export const decimal = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

export const count = (value: number): string => value.toLocaleString('en');

/** A confidence interval, [low, high]. */
export const interval = ([low, high]: readonly number[], digits = 3): string =>
  `[${decimal(low, digits)}, ${decimal(high, digits)}]`;

export const dateTime = (iso: string | null | undefined): string =>
  iso
    ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) +
      ' UTC'
    : '–';

/**
 * The last 8 characters of an id, enough to tell versions apart in a table (the full id is in the
 * title). Not the first 8: a UUIDv7 starts with its timestamp, the same for ids made a minute apart.
 */
export const shortId = (id: string): string => id.slice(-8);
