/**
 * Chart colours and fills. Every colour has at least 4.5:1 contrast on white, and series are told
 * apart by fill pattern and legend text as well, never by colour alone.
 */
export const COLORS = {
  blue: '#0b5cad',
  orange: '#a65300',
  green: '#1d6b2f',
  purple: '#6b3fa0',
  red: '#a4161a',
  teal: '#00707a',
  grey: '#4a5361',
} as const;

/**
 * A round upper bound for a value axis (1, 2, 2.5 or 5 times a power of ten) and ticks to it, so that
 * ticks read as 0.05, 0.10, ... rather than 0.13.
 */
export function niceScale(max: number, ticks = 5): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const top = Math.ceil(max / step - 1e-9) * step;
  return {
    top,
    ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Number((i * step).toPrecision(12))),
  };
}

/** Fills for up to three series of one chart: solid, hatched, dotted. */
export const SERIES = [
  { fill: COLORS.blue, stroke: COLORS.blue },
  { fill: 'url(#candor-hatch-orange)', stroke: COLORS.orange },
  { fill: 'url(#candor-dots-green)', stroke: COLORS.green },
] as const;

export const AXIS_TICK = { fill: '#3d4451', fontSize: 13 } as const;

/**
 * The patterns SERIES refers to, defined once per page in a hidden SVG (ids are document-wide, so
 * every chart and legend can use them).
 */
export function ChartPatternDefs() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" className="pattern-defs">
      <defs>
        <pattern
          id="candor-hatch-orange"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#fbe3cc" />
          <line x1="0" y1="0" x2="0" y2="6" stroke={COLORS.orange} strokeWidth="3" />
        </pattern>
        <pattern id="candor-dots-green" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#d7eedc" />
          <circle cx="3" cy="3" r="1.8" fill={COLORS.green} />
        </pattern>
      </defs>
    </svg>
  );
}
