/**
 * A genre name as a native genre id: lowercase, accents and apostrophes removed, other runs of
 * non-alphanumerics turned into one hyphen ("Children's" -> `childrens`, "Sci-Fi" -> `sci-fi`).
 */
export function genreSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
