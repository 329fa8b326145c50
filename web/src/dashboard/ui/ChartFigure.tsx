import { type ReactNode, useId } from 'react';

/**
 * A chart with what makes it usable without seeing it: a visible heading, a sentence that says what
 * it shows (the chart's accessible description), and its numbers as a table behind a disclosure.
 */
export function ChartFigure({
  title,
  description,
  table,
  children,
  testId,
}: {
  title: string;
  description: ReactNode;
  table: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <figure
      className="chart-figure"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-testid={testId}
    >
      <h3 id={titleId}>{title}</h3>
      <p id={descriptionId} className="chart-description">
        {description}
      </p>
      <div className="chart-area">{children}</div>
      <details className="chart-data">
        <summary>Show the numbers as a table</summary>
        {table}
      </details>
    </figure>
  );
}
