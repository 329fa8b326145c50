import { type ReactNode, useEffect, useId } from 'react';

/** A dashboard page: its one h1, a lead paragraph, and the browser tab named after it. */
export function DashboardPage({
  title,
  lead,
  children,
}: {
  title: string;
  lead: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  useEffect(() => {
    document.title = `${title} · Candor dashboard`;
  }, [title]);
  return (
    <section className="dashboard-page" aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      <p className="lead">{lead}</p>
      {children}
    </section>
  );
}
