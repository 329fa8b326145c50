/** Catalog values in words for the viewer. */

const KIND_WORDS: Record<string, string> = {
  film: 'Film',
  series: 'Series',
  episode: 'Episode',
  track: 'Music track',
};

export function kindWord(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}

/** "2.5" -> "2 min 30 s", "95" -> "1 h 35 min". */
export function durationWords(minutes: number): string {
  if (minutes < 10 && !Number.isInteger(minutes)) {
    const seconds = Math.round((minutes % 1) * 60);
    return `${Math.floor(minutes)} min ${seconds} s`;
  }
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  return hours > 0 ? `${hours} h ${whole % 60} min` : `${whole} min`;
}

/** An ISO 639-1 code in English ("fr" -> "French"), or the code when the browser does not know it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const AUDIENCE_WORDS = ['all ages', 'older kids', 'parental guidance', 'teens', 'mature audiences', 'adults'];

/** Audience levels 0..5 (catalog/maturity) in words. */
export function audienceWords(level: number): string {
  return AUDIENCE_WORDS[level] ?? `audience level ${level}`;
}

/** "sci-fi" -> "Sci-fi": genre ids are readable words already (no route names them otherwise). */
export function genreWords(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}
