/**
 * MovieLens titles carry the year in parentheses: "Toy Story (1995)", "Heat (1995) " or
 * "Land Before Time III (1995) (V)". Returns the title without the year (keeping a trailing
 * marker such as "(V)") and the year, or the title unchanged and null when it has none.
 */
export function splitTitleYear(raw: string): { title: string; year: number | null } {
  const match = /^(.*\S)\s*\((\d{4})(?:[-\u2013]\d{4})?(?:\/[IVX]+)?\)((?:\s*\([^()]*\))*)\s*$/.exec(raw);
  if (!match) return { title: raw.trim(), year: null };
  const [, title = '', year = '', suffix = ''] = match;
  return { title: `${title}${suffix.trim() ? ` ${suffix.trim()}` : ''}`, year: Number(year) };
}

/** The year of a MovieLens 100K release date such as "01-Jan-1995", or null. */
export function yearOfReleaseDate(text: string): number | null {
  const match = /(\d{4})\s*$/.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}
