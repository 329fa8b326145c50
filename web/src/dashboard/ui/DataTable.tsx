import { type ReactNode, useRef } from 'react';
import { useOverflows } from './useOverflows';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, for figures. */
  numeric?: boolean;
}

/** A plain table with a caption: the readable form of every chart, and the dashboard's lists. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  hideCaption = false,
  testId,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  hideCaption?: boolean;
  testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // A table wider than the page scrolls; keyboard users then need to reach the scroller to scroll it.
  const scrolls = useOverflows(scroller);
  return (
    <div
      ref={scroller}
      className="table-scroll"
      {...(scrolls ? { role: 'region', 'aria-label': `${caption} (scrolls sideways)`, tabIndex: 0 } : {})}
    >
      <table data-testid={testId}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <td key={column.header} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
