import type { ReactNode } from 'react';

export interface Stat {
  label: string;
  value: ReactNode;
  note?: ReactNode;
}

/** A row of headline figures, as a description list so each value keeps its label for screen readers. */
export function StatTiles({ stats, label }: { stats: readonly Stat[]; label: string }) {
  return (
    <dl className="stat-tiles" aria-label={label}>
      {stats.map((stat) => (
        <div className="stat-tile" key={stat.label}>
          <dt>{stat.label}</dt>
          <dd>
            <span className="stat-value">{stat.value}</span>
            {stat.note ? <span className="stat-note">{stat.note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
